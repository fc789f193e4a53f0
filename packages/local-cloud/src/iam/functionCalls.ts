/**
 * The AWS SDK operations a function's code can call, read from its source: from the handler file, every module
 * it imports (relative paths and the workspace's `@spendwise/*` packages), and in each the commands it
 * constructs (`new QueryCommand(…)`, `new PublishCommand(…)`) of the clients it imports them from, plus the calls
 * of the Powertools utilities the project uses (idempotency records, the origin secret). Per file, not per code
 * path: a function that imports a store module is counted as calling every command of that module, so a denial
 * is a candidate to read the code for. Resources come from the function's environment (`functionChecks`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AuthorizationCheck } from './resources';
import { authorizationChecks } from './resources';

/** SDK package → SigV4 signing name. */
const CLIENT_PACKAGES: Readonly<Record<string, string>> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-dynamodb-streams': 'dynamodb',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-eventbridge': 'events',
  '@aws-sdk/client-sfn': 'states',
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-ssm': 'ssm',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-bedrock-runtime': 'bedrock',
  '@aws-sdk/client-cloudwatch': 'monitoring',
  '@aws-sdk/client-scheduler': 'scheduler',
  '@aws-sdk/client-kms': 'kms',
};

/** The document client's commands and the DynamoDB operations they send. */
const DOCUMENT_COMMANDS: Readonly<Record<string, string>> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  TransactWriteCommand: 'TransactWriteItems',
  TransactGetCommand: 'TransactGetItems',
};

/** Calls made by library utilities rather than by `new …Command`, by the import that brings them. */
const UTILITY_CALLS: Readonly<Record<string, BundledOperation[]>> = {
  '@aws-lambda-powertools/idempotency/dynamodb': ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].map(
    (operation) => ({
      service: 'dynamodb',
      operation,
    }),
  ),
  '@aws-lambda-powertools/parameters/secrets': [{ service: 'secretsmanager', operation: 'GetSecretValue' }],
  '@aws-lambda-powertools/parameters/ssm': [{ service: 'ssm', operation: 'GetParameter' }],
  '@aws-sdk/s3-presigned-post': [{ service: 's3', operation: 'PostObject' }],
};

export interface BundledOperation {
  service: string;
  operation: string;
  /** Made by a library utility (Powertools idempotency records), on its own resource (`EnvironmentResources.idempotency`). */
  utility?: boolean;
  /** The transaction's item operations used in the same file (`Put`, `Update`… keys), for TransactWriteItems. */
  items?: string[];
  /** The source file it was found in, relative to the root given. */
  file?: string;
}

/**
 * The SDK operations the code reachable from `entry` constructs.
 *
 * @param workspace resolves `@spendwise/<package>[/<sub>]` to a source file
 */
export function sourceOperations(
  entry: string,
  workspace: (specifier: string) => string | undefined,
): BundledOperation[] {
  const found = new Map<string, BundledOperation>();
  /** Files whose own code was read; names already followed through each file's re-exports (`*`: all). */
  const read = new Set<string>();
  const followed = new Map<string, Set<string>>();
  const queue: Pending[] = [{ file: entry }];
  while (queue.length > 0) {
    const { file, names } = queue.pop()!;
    if (!existsSync(file) || !firstVisit(followed, file, names)) continue;
    const text = readFileSync(file, 'utf8');
    queue.push(...reExports(text, file, names, workspace));
    if (read.has(file)) continue;
    read.add(file);
    const classes = readImports(text, file, workspace, queue, found);
    collectCommands(text, file, classes, found);
  }
  const order = (op: BundledOperation) => `${op.service}:${op.operation}:${op.utility ? 1 : 0}`;
  return [...found.values()].sort((a, b) => order(a).localeCompare(order(b)));
}

/** A file still to read, for the names asked of it (all when absent). */
interface Pending {
  file: string;
  names?: Set<string>;
}

/** Records the names asked of a file; false when every one was already followed. */
function firstVisit(followed: Map<string, Set<string>>, file: string, names?: Set<string>): boolean {
  const done = followed.get(file) ?? new Set<string>();
  if (done.has('*') || (names && [...names].every((name) => done.has(name)))) return false;
  for (const name of names ?? ['*']) done.add(name);
  followed.set(file, done);
  return true;
}

/**
 * Re-exports (`export { a } from './x'`, `export * from './x'`): followed only for the names asked of this file,
 * so importing one helper from a package's index does not count every module of the package.
 */
function reExports(
  text: string,
  file: string,
  names: Set<string> | undefined,
  workspace: (specifier: string) => string | undefined,
): Pending[] {
  const next: Pending[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*export\s+(?:type\s+)?(\*|\{[^}]*\})\s+from\s+'([^']+)'/g)) {
    const [, list = '', specifier = ''] = match;
    const target = resolveImport(file, specifier, workspace);
    if (!target) continue;
    if (list === '*') {
      next.push({ file: target, ...(names ? { names } : {}) });
      continue;
    }
    const pairs = importedNames(list);
    const wanted = names ? pairs.filter(([, local]) => names.has(local)) : pairs;
    if (wanted.length > 0) next.push({ file: target, names: new Set(wanted.map(([imported]) => imported)) });
  }
  return next;
}

/**
 * A file's imports: the SDK command classes it imports (local name → `service:Command`), the utilities whose
 * calls count, and the files to read next (named imports for those names, others whole).
 */
function readImports(
  text: string,
  file: string,
  workspace: (specifier: string) => string | undefined,
  queue: Pending[],
  found: Map<string, BundledOperation>,
): Map<string, string> {
  const classes = new Map<string, string>();
  for (const match of text.matchAll(/(?:^|\n)\s*import\s+(?:type\s+)?([^;]*?)\s+from\s+'([^']+)'/g)) {
    const [, list = '', specifier = ''] = match;
    if (/^type\s/.test(match[0].trim().slice('import'.length).trim())) continue;
    const pairs = importedNames(list);
    noteClients(specifier, pairs, file, classes, found);
    const next = resolveImport(file, specifier, workspace);
    // Named imports follow those names; default and namespace imports the whole module.
    const named = list.trim().startsWith('{') && pairs.length > 0;
    if (next)
      queue.push({ file: next, ...(named ? { names: new Set(pairs.map(([imported]) => imported)) } : {}) });
  }
  for (const match of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) {
    const next = resolveImport(file, match[1]!, workspace);
    if (next) queue.push({ file: next });
  }
  return classes;
}

/** The SDK command classes an import brings (local name → `service:Command`), and a utility's own calls. */
function noteClients(
  specifier: string,
  pairs: [string, string][],
  file: string,
  classes: Map<string, string>,
  found: Map<string, BundledOperation>,
): void {
  const service = CLIENT_PACKAGES[specifier];
  if (service)
    for (const [imported, local] of pairs)
      if (imported.endsWith('Command')) classes.set(local, `${service}:${imported}`);
  for (const call of UTILITY_CALLS[specifier] ?? [])
    found.set(`utility:${call.service}:${call.operation}`, { ...call, utility: true, file });
}

/** The operations of the `new <Command>(…)` a file constructs, with a transaction's item kinds. */
function collectCommands(
  text: string,
  file: string,
  classes: Map<string, string>,
  found: Map<string, BundledOperation>,
): void {
  for (const match of text.matchAll(/new\s+([\w$]+)\s*\(/g)) {
    const known = classes.get(match[1]!);
    if (!known) continue;
    const [service = '', imported = ''] = known.split(':');
    const operation =
      service === 'dynamodb' && DOCUMENT_COMMANDS[imported]
        ? DOCUMENT_COMMANDS[imported]!
        : imported.replace(/Command$/, '');
    const items =
      operation === 'TransactWriteItems'
        ? [...new Set([...text.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:/g)].map((m) => m[1]!))]
        : undefined;
    const key = `${service}:${operation}`;
    const previous = found.get(key);
    found.set(key, {
      service,
      operation,
      file,
      ...(items ? { items: [...new Set([...(previous?.items ?? []), ...items])] } : {}),
    });
  }
}

/** `{ a, type B, c as d }` → [['a', 'a'], ['c', 'd']] (imported name, local name; types left out). */
function importedNames(list: string): [string, string][] {
  return list
    .replace(/[{}]/g, '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith('type '))
    .map((part) => {
      const [imported = '', local = imported] = part.split(/\s+as\s+/).map((name) => name.trim());
      return [imported, local];
    });
}

function resolveImport(
  from: string,
  specifier: string,
  workspace: (specifier: string) => string | undefined,
): string | undefined {
  if (specifier.startsWith('@spendwise/')) return workspace(specifier);
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')])
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  return undefined;
}

/** The deployed resources a function's environment names, by signing name. */
export interface EnvironmentResources {
  dynamodb: string[];
  /** The Powertools idempotency table(s) (`IDEMPOTENCY_TABLE*` variables). */
  idempotency: string[];
  s3: string[];
  sqs: string[];
  sns: string[];
  events: string[];
  states: string[];
  lambda: string[];
  ssm: string[];
  secretsmanager: string[];
  bedrock: string[];
}

/** The item operations of a transaction (which of them the code uses cannot be told from the bundle). */
const TRANSACT_ITEMS: Record<string, string[]> = {
  TransactWriteItems: ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
  TransactGetItems: ['GetItem'],
};

/**
 * The checks a bundled operation needs on the resources the function's environment names; `*` (any resource
 * the role allows) where the environment names none of the service's. A transaction is checked as each of its
 * item operations.
 */
export function functionChecks(
  operation: BundledOperation,
  resources: EnvironmentResources,
  where: { region: string; accountId: string },
): AuthorizationCheck[] {
  const { service } = operation;
  const named =
    operation.utility && service === 'dynamodb'
      ? resources.idempotency
      : ((resources as unknown as Record<string, string[]>)[service] ?? []);
  const request = (op: string, input: Record<string, unknown>) =>
    authorizationChecks({ service, operation: op, input, ...where });
  /** Any resource: the simulator then asks whether the role allows the action on some resource. */
  const anyResource = (op: string): AuthorizationCheck[] =>
    request(op, {}).map((check) => ({
      ...check,
      resource: '*',
      unresolved: `the environment names no ${service} resource`,
    }));
  const items =
    operation.items && operation.items.length > 0
      ? operation.items.map((kind) => (kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`))
      : TRANSACT_ITEMS[operation.operation];
  if (service === 'dynamodb' && items) {
    return named.length === 0
      ? items.flatMap(anyResource)
      : named.flatMap((table) => items.flatMap((op) => request(op, { TableName: table })));
  }
  if (named.length === 0)
    return anyResource(operation.operation === 'PostObject' ? 'PutObject' : operation.operation);
  return named.flatMap((name) => request(operation.operation, inputFor(service, operation.operation, name)));
}

function inputFor(service: string, operation: string, name: string): Record<string, unknown> {
  switch (service) {
    case 'dynamodb':
      return operation === 'BatchGetItem'
        ? { RequestItems: { [name]: { Keys: [] } } }
        : operation === 'BatchWriteItem'
          ? { RequestItems: { [name]: [] } }
          : { TableName: name };
    case 's3':
      return /Object|Multipart|Part/.test(operation) ? { Bucket: name, Key: '*' } : { Bucket: name };
    case 'sqs':
      return { QueueUrl: name };
    case 'sns':
      // Subscription operations are authorised on the topic (`<topic>:<id>`).
      return { TopicArn: name, SubscriptionArn: `${name}:subscription` };
    case 'events':
      return { Entries: [{ EventBusName: name }], Name: name };
    case 'states':
      return operation.includes('Execution') &&
        !operation.startsWith('Start') &&
        operation !== 'ListExecutions'
        ? { executionArn: `${name.replace(':stateMachine:', ':execution:')}:*` }
        : { stateMachineArn: name };
    case 'lambda':
      return { FunctionName: name };
    case 'ssm':
      return operation === 'GetParameters'
        ? { Names: [name] }
        : operation === 'GetParametersByPath'
          ? { Path: name }
          : { Name: name };
    case 'secretsmanager':
      return { SecretId: name };
    case 'bedrock':
      return { modelId: name };
    default:
      return {};
  }
}
