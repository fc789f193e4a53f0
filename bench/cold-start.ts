/**
 * `pnpm bench:cold-start [--reps N] [--only fn1,fn2] [--unsampled] [service…]`: for every packaged function, its bundle size
 * and how much its cold start costs next to a hello-world ESM handler, measured on this machine in one run.
 *
 * Packages the services as `pnpm package` does (cached), unzips each function's bundle into a temp dir and, for
 * N rounds, starts fresh `node` processes in the order hello-import, function-import, hello-invoke,
 * function-invoke (A/B/A/B…), timing each whole process from spawn to exit:
 *  - import: the process imports the handler module and exits;
 *  - first invocation: the process imports it and calls the handler once with an event of its trigger (an HTTP
 *    API request, an SQS batch, a stream batch, a workflow input) against a local fake AWS endpoint, a small HTTP
 *    server answering the SDK calls the functions make (empty reads, accepted writes).
 * Each function runs with its template's environment (intrinsics replaced by placeholders), Lambda's variables,
 * and active tracing as on AWS: a sampled `_X_AMZN_TRACE_ID` and a UDP sink as the X-Ray daemon.
 * It prints the median over rounds of each round's ratio function / hello-world, the medians in milliseconds,
 * and the load average before and after. Figures only: it asserts nothing (a loaded machine shrinks the ratios,
 * Node's own start-up growing; compare runs of one machine state).
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BudgetThresholdReached,
  CategoryCreated,
  createEvent,
  ExpenseRecorded,
  ReceiptAttached,
} from '@spendwise/contracts';
import yauzl from 'yauzl';
import { httpEvent, lambdaContext, sqsEvent } from '../packages/lambda-kit/src/testing';
import { outboxItem } from '../packages/outbox/src/outboxItem';
import { formatTable } from '../packages/packager/src/cli';
import {
  type CfnResource,
  type CfnTemplate,
  consoleProgress,
  loadTemplate,
  packageServices,
} from '../packages/packager/src/index';

const KB = 1024;
const rootDir = fileURLToPath(new URL('..', import.meta.url));

interface Options {
  reps: number;
  sampled: boolean;
  only: Set<string>;
  services: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { reps: 5, sampled: true, only: new Set(), services: [] };
  const args = argv
    .filter((arg) => arg !== '--')
    .flatMap((arg) => (arg.includes('=') ? arg.split('=') : [arg]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--unsampled') options.sampled = false;
    else if (arg === '--reps') options.reps = Number(args[++i]);
    else if (arg === '--only') for (const f of (args[++i] ?? '').split(',')) options.only.add(f);
    else options.services.push(arg);
  }
  if (!Number.isInteger(options.reps) || options.reps < 1) throw new Error('--reps needs a whole number ≥ 1');
  return options;
}

/** The project's Node.js (the `node` devDependency, the functions' runtime nodejs24.x), else this one. */
function projectNode(): { path: string; note: string } {
  const manifest = join(rootDir, 'node_modules', 'node', 'package.json');
  if (existsSync(manifest)) {
    const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin?.node ?? 'bin/node';
    const path = join(dirname(manifest), bin);
    if (existsSync(path)) return { path, note: 'the project’s node devDependency' };
  }
  return {
    path: process.execPath,
    note: 'the Node.js running this script (no node devDependency installed)',
  };
}

// ---------------------------------------------------------------------------------------------------------
// Functions of the packaged templates

type Trigger =
  | { kind: 'http'; method: string; path: string; scopes: string[] }
  | { kind: 'sqs' }
  | { kind: 'stream' }
  | { kind: 'other' };

interface BenchFunction {
  service: string;
  fn: string;
  zipPath: string;
  handler: string;
  variables: Record<string, string>;
  trigger: Trigger;
}

const getAttTarget = (value: unknown): string | undefined => {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) ? String(getAtt[0]) : undefined;
};

/** Which function each HTTP API integration invokes. */
function integrationTargets(resources: CfnTemplate['Resources']): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [id, r] of Object.entries(resources)) {
    const target =
      r.Type === 'AWS::ApiGatewayV2::Integration' ? getAttTarget(r.Properties?.IntegrationUri) : undefined;
    if (target) targets.set(id, target);
  }
  return targets;
}

function routeTrigger(route: CfnResource, targets: Map<string, string>): [string, Trigger] | undefined {
  const [method, path] = String(route.Properties?.RouteKey).split(' ');
  const target = JSON.stringify(route.Properties?.Target ?? '');
  const integration = [...targets.keys()].find((id) => target.includes(`"${id}"`));
  const fn = integration ? targets.get(integration) : undefined;
  if (!fn || !method || !path) return undefined;
  const scopes = (route.Properties?.AuthorizationScopes as string[] | undefined) ?? [];
  return [fn, { kind: 'http', method, path, scopes }];
}

/** Each function's trigger: its HTTP API route, its SQS queue or table stream, else none (schedule, workflow). */
function triggers(template: CfnTemplate): Map<string, Trigger> {
  const byFunction = new Map<string, Trigger>();
  const targets = integrationTargets(template.Resources);
  for (const r of Object.values(template.Resources)) {
    const route = r.Type === 'AWS::ApiGatewayV2::Route' ? routeTrigger(r, targets) : undefined;
    if (route) byFunction.set(...route);
    const fn =
      r.Type === 'AWS::Lambda::EventSourceMapping' ? getAttTarget(r.Properties?.FunctionName) : undefined;
    if (fn) {
      const source = JSON.stringify(r.Properties?.EventSourceArn ?? '');
      byFunction.set(fn, { kind: /Stream/.test(source) ? 'stream' : 'sqs' });
    }
  }
  return byFunction;
}

function placeholderVariables(resource: CfnResource): Record<string, string> {
  const env = (resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
    ?.Variables;
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : `bench-${key.toLowerCase().replaceAll('_', '-')}`,
    ]),
  );
}

async function functionsOf(service: string, dir: string): Promise<BenchFunction[]> {
  const template = await loadTemplate(dir);
  const byFunction = triggers(template);
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([logicalId, r]) => {
      const key = (r.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key;
      if (typeof key !== 'string') throw new Error(`${service}: ${logicalId} has no packaged code`);
      return {
        service,
        fn: basename(key, '.zip'),
        zipPath: join(dir, '.serverless', basename(key)),
        handler: String(r.Properties?.Handler),
        variables: placeholderVariables(r),
        trigger: byFunction.get(logicalId) ?? { kind: 'other' },
      };
    });
}

/** Unzips a function's package into `dir`; returns the bytes of its code (.js/.mjs/.cjs, uncompressed). */
async function unzip(zipPath: string, dir: string): Promise<number> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: true });
  let codeBytes = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      if (/\.[cm]?js$/.test(entry.fileName)) codeBytes += entry.uncompressedSize;
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          const target = join(dir, entry.fileName);
          mkdir(dirname(target), { recursive: true })
            .then(() => writeFile(target, Buffer.concat(chunks)))
            .then(() => zip.readEntry(), reject);
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return codeBytes;
}

// ---------------------------------------------------------------------------------------------------------
// Events

const today = () => new Date().toISOString().slice(0, 10);
const eventContext = () => ({ userId: 'bench-user', correlationId: randomUUID(), causationId: 'bench' });
const onTheBus = (envelope: { source: string; detailType: string; detail: unknown }) => ({
  version: '0',
  id: randomUUID(),
  source: envelope.source,
  'detail-type': envelope.detailType,
  account: '123456789012',
  time: new Date().toISOString(),
  region: 'eu-west-1',
  resources: [],
  detail: envelope.detail,
});
const expenseSnapshot = () => ({
  expenseId: randomUUID(),
  amount: { minorUnits: 1234, currency: 'EUR' as const },
  date: today(),
  categoryId: 'groceries',
  tags: [],
  version: 1,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
});
const recordedOnTheBus = () =>
  onTheBus(createEvent(ExpenseRecorded, { expense: expenseSnapshot() }, eventContext()));

/** Events of the functions whose first call the issue names; the others get a generic event of their trigger. */
const SQS_BODIES: Record<string, () => unknown[]> = {
  applySpendingEvent: () => Array.from({ length: 10 }, recordedOnTheBus),
  applyCatalogChange: () => [
    onTheBus(
      createEvent(
        CategoryCreated,
        {
          category: {
            categoryId: `c-${randomUUID()}`,
            name: 'Bench',
            archived: false,
            version: 1,
            createdAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
          },
        } as never,
        eventContext(),
      ),
    ),
  ],
  deliverAlert: () => [
    onTheBus(
      createEvent(
        BudgetThresholdReached,
        {
          categoryId: 'groceries',
          month: today().slice(0, 7),
          threshold: 80,
          budget: { minorUnits: 10000, currency: 'EUR' },
          spent: { minorUnits: 8500, currency: 'EUR' },
          budgetVersion: 1,
        } as never,
        eventContext(),
      ),
    ),
  ],
  checkReceipt: () => [
    onTheBus(
      createEvent(
        ReceiptAttached,
        {
          expenseId: randomUUID(),
          version: 2,
          receipt: { key: 'receipts/bench', contentType: 'image/png', sizeBytes: 10 },
        } as never,
        eventContext(),
      ),
    ),
  ],
};

const HTTP_INPUT: Record<string, { body?: unknown; query?: Record<string, string> }> = {
  createExpense: {
    body: { amount: { minorUnits: 1234, currency: 'EUR' }, date: today(), categoryId: 'groceries' },
  },
  listExpenses: { query: { month: today().slice(0, 7) } },
};

/** Tries building the named events; a schema they no longer fit falls back to a generic event. */
function safely<T>(build: () => T, fallback: () => T): T {
  try {
    return build();
  } catch {
    return fallback();
  }
}

function eventOf(f: BenchFunction): unknown {
  const { trigger } = f;
  if (trigger.kind === 'http') {
    const pathParameters: Record<string, string> = {};
    const path = trigger.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      pathParameters[name] = randomUUID();
      return pathParameters[name]!;
    });
    const input = HTTP_INPUT[f.fn] ?? {};
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(trigger.method);
    return httpEvent({
      method: trigger.method,
      path,
      pathParameters,
      ...(input.query ? { query: input.query } : {}),
      ...(hasBody ? { body: input.body ?? {} } : {}),
      headers: { 'idempotency-key': randomUUID() },
      claims: { sub: 'bench-user', scope: trigger.scopes.join(' ') },
    });
  }
  if (trigger.kind === 'sqs') {
    const bodies = safely(SQS_BODIES[f.fn] ?? (() => [recordedOnTheBus()]), () => [recordedOnTheBus()]);
    return sqsEvent(bodies.map((body) => ({ body })));
  }
  if (trigger.kind === 'stream') {
    // An outbox record as the relay's stream filter passes it (packages/outbox/src/outboxItem.ts).
    const now = new Date();
    const item = outboxItem(
      createEvent(ExpenseRecorded, { expense: expenseSnapshot() }, eventContext()),
      now,
    );
    const image = Object.fromEntries(
      Object.entries(item).map(([key, value]) => [
        key,
        typeof value === 'number' ? { N: String(value) } : { S: String(value) },
      ]),
    );
    return {
      Records: [
        {
          eventID: randomUUID(),
          eventName: 'INSERT',
          eventSource: 'aws:dynamodb',
          awsRegion: 'eu-west-1',
          eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/bench/stream/2026',
          dynamodb: {
            Keys: { PK: image.PK, SK: image.SK },
            NewImage: image,
            SequenceNumber: '1',
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        },
      ],
    };
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------
// The fake AWS endpoint

interface Reply {
  type?: string;
  body: string;
}

const json = (body: unknown, type = 'application/x-amz-json-1.0'): Reply => ({
  type,
  body: JSON.stringify(body),
});

/** Answers every SDK call with an empty read or an accepted write, as a healthy service with no data would. */
function answer(req: IncomingMessage, body: string): Reply {
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.split('.').pop() ?? '';
  const input = (() => {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return {};
    }
  })();
  if (target.startsWith('DynamoDB')) {
    if (operation === 'Query' || operation === 'Scan') return json({ Items: [], Count: 0, ScannedCount: 0 });
    if (operation === 'BatchWriteItem') return json({ UnprocessedItems: {} });
    if (operation === 'BatchGetItem') {
      // Every outbox record asked for is still pending (the relay's consistent read), so it publishes them.
      const requests = (input.RequestItems ?? {}) as Record<string, { Keys: { PK?: { S?: string } }[] }>;
      const responses = Object.fromEntries(
        Object.entries(requests).map(([table, { Keys }]) => [
          table,
          Keys.map((key) => ({ eventId: { S: String(key.PK?.S ?? '').replace(/^OUTBOX#/, '') } })),
        ]),
      );
      return json({ Responses: responses, UnprocessedKeys: {} });
    }
    return json({});
  }
  if (target === 'AWSEvents.PutEvents') {
    const entries = (input.Entries as unknown[] | undefined) ?? [];
    return json(
      { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) },
      'application/x-amz-json-1.1',
    );
  }
  if (target.startsWith('AWSStepFunctions')) {
    return json(
      {
        executionArn: `arn:aws:states:eu-west-1:123456789012:execution:bench:${randomUUID()}`,
        startDate: Date.now() / 1000,
        executions: [],
      },
      'application/x-amz-json-1.0',
    );
  }
  if (target.startsWith('secretsmanager')) {
    return json({ Name: 'bench', SecretString: 'bench-secret' }, 'application/x-amz-json-1.1');
  }
  if (target.startsWith('AmazonSQS')) {
    const md5 = createHash('md5')
      .update(String(input.MessageBody ?? ''))
      .digest('hex');
    return json({ MessageId: randomUUID(), MD5OfMessageBody: md5 });
  }
  if (body.includes('Action=Publish')) {
    return {
      type: 'text/xml',
      body: `<PublishResponse><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    };
  }
  if (req.url?.includes('/model/')) {
    return json(
      {
        output: { message: { role: 'assistant', content: [{ text: '{}' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      },
      'application/json',
    );
  }
  // S3 and anything else: an empty 200.
  return { body: '' };
}

async function startFakeAws(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      calls++;
      const reply = answer(req, Buffer.concat(chunks).toString('utf8'));
      const id = randomUUID();
      res.writeHead(200, {
        ...(reply.type ? { 'content-type': reply.type } : {}),
        'x-amzn-requestid': id,
        'x-amz-request-id': id,
      });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Processes

/** Imports a handler module and, with an event file, calls its handler once; reports the outcome with --check. */
const RUNNER = `
import { readFileSync, writeFileSync } from 'node:fs';
const [, , modulePath, exportName, eventFile, reportFile] = process.argv;
const mod = await import(modulePath);
if (eventFile) {
  const { event, context } = JSON.parse(readFileSync(eventFile, 'utf8'));
  context.getRemainingTimeInMillis = () => 10000;
  let outcome;
  try {
    const result = await mod[exportName](event, context);
    outcome = result?.statusCode !== undefined ? 'HTTP ' + result.statusCode
      : result?.batchItemFailures !== undefined ? result.batchItemFailures.length + ' failed record(s)'
      : 'returned ' + JSON.stringify(result ?? null).slice(0, 60);
  } catch (error) {
    outcome = 'threw ' + (error?.name ?? 'error') + ': ' + String(error?.message ?? error).slice(0, 80);
  }
  if (reportFile) writeFileSync(reportFile, outcome);
}
process.exit(0);
`;

const HELLO = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: 'world' }) });\n`;

interface Subject {
  modulePath: string;
  exportName: string;
  env: Record<string, string>;
  eventFile: string;
}

function lambdaEnv(
  name: string,
  codeDir: string,
  trace: { endpoint: string; daemon: string; sampled: boolean },
  variables: Record<string, string>,
) {
  const { endpoint, daemon, sampled } = trace;
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    ...variables,
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'bench',
    LAMBDA_TASK_ROOT: codeDir,
    LAMBDA_RUNTIME_DIR: codeDir,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_ENDPOINT_URL: endpoint,
    // Active tracing, as Lambda sets it for a sampled (or, with --unsampled, an unsampled) request; segments go
    // to a UDP sink standing in for the X-Ray daemon.
    _X_AMZN_TRACE_ID: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)};Parent=${randomUUID().replaceAll('-', '').slice(0, 16)};Sampled=${sampled ? 1 : 0}`,
    AWS_XRAY_DAEMON_ADDRESS: daemon,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  };
}

/** Wall time of one fresh process, from spawn to exit, in milliseconds. */
function timeProcess(node: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}

async function checkOutcome(node: string, runner: string, subject: Subject, dir: string): Promise<string> {
  const report = join(dir, 'outcome.txt');
  await rm(report, { force: true });
  const args = [
    runner,
    pathToFileURL(subject.modulePath).href,
    subject.exportName,
    subject.eventFile,
    report,
  ];
  try {
    await timeProcess(node, args, subject.env);
    return existsSync(report) ? await readFile(report, 'utf8') : 'no outcome';
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const node = projectNode();
  const packaged = await packageServices({
    rootDir,
    services: options.services,
    onProgress: consoleProgress,
  });
  const all = (await Promise.all(packaged.map((p) => functionsOf(p.name, p.dir)))).flat();
  const functions = options.only.size ? all.filter((f) => options.only.has(f.fn)) : all;
  if (functions.length === 0) throw new Error('no function matches --only');

  const work = await mkdtemp(join(tmpdir(), 'spendwise-cold-start-'));
  const fake = await startFakeAws();
  const daemon = createSocket('udp4');
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  daemon.on('message', () => {});
  const daemonAddress = `127.0.0.1:${daemon.address().port}`;
  try {
    const runner = join(work, 'runner.mjs');
    await writeFile(runner, RUNNER);
    await mkdir(join(work, 'hello'));
    await writeFile(join(work, 'hello', 'index.mjs'), HELLO);
    const { version } = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        const child = spawn(node.path, ['-p', 'JSON.stringify({version: process.version})']);
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
        });
        child.on('exit', () => resolve(out));
        child.on('error', reject);
      }),
    ) as { version: string };
    const loadBefore = load();
    process.stdout.write(
      `\nNode.js ${version} (${node.note}); ${functions.length} function(s), ${options.reps} round(s) each, ${options.sampled ? 'sampled' : 'unsampled'} trace; load average (1/5/15 min) ${loadBefore}\n`,
    );

    const rows: string[][] = [];
    // Every bundle is copied out first, so packaging during the run (another command) cannot change what is measured.
    const unzipped = new Map<BenchFunction, number>();
    for (const f of functions) {
      const dir = join(work, `${f.service}-${f.fn}`);
      await mkdir(dir);
      unzipped.set(f, await unzip(f.zipPath, dir));
    }
    for (const f of functions) {
      const dir = join(work, `${f.service}-${f.fn}`);
      const bundleBytes = unzipped.get(f)!;
      const dot = f.handler.lastIndexOf('.');
      const moduleBase = join(dir, f.handler.slice(0, dot));
      const modulePath = ['.mjs', '.js', '.cjs'].map((ext) => moduleBase + ext).find((p) => existsSync(p));
      if (!modulePath) throw new Error(`${f.service}/${f.fn}: no module for handler ${f.handler}`);
      const eventFile = join(dir, 'event.json');
      await writeFile(
        eventFile,
        JSON.stringify({
          event: eventOf(f),
          context: lambdaContext({ functionName: `spendwise-${f.service}-bench-${f.fn}` }),
        }),
      );
      const trace = { endpoint: fake.url, daemon: daemonAddress, sampled: options.sampled };
      const env = lambdaEnv(`spendwise-${f.service}-bench-${f.fn}`, dir, trace, f.variables);
      const subject: Subject = { modulePath, exportName: f.handler.slice(dot + 1), env, eventFile };
      const hello: Subject = {
        modulePath: join(work, 'hello', 'index.mjs'),
        exportName: 'handler',
        env: lambdaEnv('hello', join(work, 'hello'), trace, {}),
        eventFile,
      };
      const outcome = await checkOutcome(node.path, runner, subject, dir);
      const callsBefore = fake.calls();
      await checkOutcome(node.path, runner, subject, dir);
      const callsPerInvoke = fake.calls() - callsBefore;

      const importRatios: number[] = [];
      const invokeRatios: number[] = [];
      const fnImportMs: number[] = [];
      const fnInvokeMs: number[] = [];
      const helloImportMs: number[] = [];
      const helloInvokeMs: number[] = [];
      const importArgs = (s: Subject) => [runner, pathToFileURL(s.modulePath).href, s.exportName];
      const invokeArgs = (s: Subject) => [...importArgs(s), s.eventFile];
      for (let round = 0; round < options.reps; round++) {
        const hi = await timeProcess(node.path, importArgs(hello), hello.env);
        const fi = await timeProcess(node.path, importArgs(subject), subject.env);
        const hv = await timeProcess(node.path, invokeArgs(hello), hello.env);
        const fv = await timeProcess(node.path, invokeArgs(subject), subject.env);
        helloImportMs.push(hi);
        fnImportMs.push(fi);
        helloInvokeMs.push(hv);
        fnInvokeMs.push(fv);
        importRatios.push(fi / hi);
        invokeRatios.push(fv / hv);
      }
      const row = [
        f.service,
        f.fn,
        `${(bundleBytes / KB).toFixed(1)} KB`,
        `${median(importRatios).toFixed(2)}×`,
        `${median(invokeRatios).toFixed(2)}×`,
        `${median(fnImportMs).toFixed(0)} / ${median(helloImportMs).toFixed(0)}`,
        `${median(fnInvokeMs).toFixed(0)} / ${median(helloInvokeMs).toFixed(0)}`,
        `${outcome} (${callsPerInvoke} AWS call(s))`,
      ];
      rows.push(row);
      process.stderr.write(`${row.join('  ')}\n`);
      await rm(dir, { recursive: true, force: true });
    }

    const table = formatTable(
      [
        'service',
        'function',
        'bundle',
        'import ×',
        'first call ×',
        'import ms fn/hello',
        'first call ms fn/hello',
        'first call outcome',
      ],
      rows,
    );
    process.stdout.write(`\n${table}\n\n`);
    process.stdout.write(
      `× = median over ${options.reps} round(s) of (function process time / hello-world process time), A/B interleaved; bundle = minified .js/.mjs in the zip (1 KB = 1024 bytes).\n` +
        `Load average before ${loadBefore}, after ${load()}. A loaded machine shrinks the ratios: compare runs of one machine state.\n`,
    );
  } finally {
    daemon.close();
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cold-start failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
