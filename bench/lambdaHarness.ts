/**
 * What the Lambda benches share (bench:cold-start, bench:warm-cpu): the functions of the packaged templates with
 * their triggers and environment, unzipping a function's package, events of each trigger, a local fake AWS
 * endpoint answering the SDK's calls, Lambda's environment variables and a UDP sink as the X-Ray daemon.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BudgetThresholdReached,
  CategoryCreated,
  createEvent,
  type EventEnvelope,
  ExpenseRecorded,
  InsightReportFailed,
  NotificationDelivered,
} from '@spendwise/contracts';
import type { BuildOptions, Plugin } from 'esbuild';
import yauzl from 'yauzl';
import { httpEvent, sqsEvent } from '../packages/lambda-kit/src/testing';
import { outboxItem } from '../packages/outbox/src/outboxItem';
import { type CfnResource, type CfnTemplate, loadTemplate } from '../packages/packager/src/index';
import { parseCfnYaml } from '../scripts/contracts/cfnYaml';
import { previousMonth } from '../services/insights/src/report/domain/month';
import { computeStatistics } from '../services/insights/src/report/domain/statistics';
import { emptyMonth } from '../services/insights/src/report/testing/fixtures';

export const rootDir = fileURLToPath(new URL('..', import.meta.url));

/** The project's Node.js (the `node` devDependency, the functions' runtime nodejs24.x), else this one. */
export function projectNode(): { path: string; note: string } {
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
// Bundles the benches build themselves

const require = createRequire(import.meta.url);

/**
 * The esbuild options of a service's functions, read from its serverless.yml (`custom.esbuild`, as
 * serverless-esbuild passes them), for the bundles a bench builds itself; the caller adds the entry and the
 * output. serverless-esbuild's own keys become esbuild's (`outputFileExtension`) or go (`exclude`), and
 * `plugins` is the file they name. `absWorkingDir` is the service's folder, where aliases resolve.
 */
export function serviceBuildOptions(service = 'expenses'): BuildOptions {
  const serviceDir = join(rootDir, 'services', service);
  const manifest = parseCfnYaml(readFileSync(join(serviceDir, 'serverless.yml'), 'utf8')) as {
    custom?: { esbuild?: Record<string, unknown> };
  };
  const { exclude, outputFileExtension, plugins, ...options } = manifest.custom?.esbuild ?? {};
  if (Object.keys(options).length === 0) throw new Error(`services/${service} sets no custom.esbuild`);
  return {
    ...(options as BuildOptions),
    ...(typeof outputFileExtension === 'string' ? { outExtension: { '.js': outputFileExtension } } : {}),
    ...(typeof plugins === 'string' ? { plugins: require(join(serviceDir, plugins)) as Plugin[] } : {}),
    absWorkingDir: serviceDir,
    logLevel: 'error',
  };
}

// ---------------------------------------------------------------------------------------------------------
// Functions of the packaged templates

export type Trigger =
  | { kind: 'http'; method: string; path: string; scopes: string[] }
  | { kind: 'sqs' }
  | { kind: 'stream' }
  | { kind: 'customResource'; resourceType: string; logicalId: string; properties: Record<string, unknown> }
  | { kind: 'other' };

export interface BenchFunction {
  service: string;
  fn: string;
  zipPath: string;
  handler: string;
  variables: Record<string, string>;
  trigger: Trigger;
  /** TracingConfig.Mode: `Active`, or `PassThrough` (traced only inside a sampled caller's trace). */
  tracing: string;
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

/**
 * Each function's trigger: its HTTP API route, its SQS queue or table stream, the custom resource whose
 * ServiceToken it is, else none (schedule, workflow).
 */
function triggers(template: CfnTemplate): Map<string, Trigger> {
  const byFunction = new Map<string, Trigger>();
  const targets = integrationTargets(template.Resources);
  for (const [logicalId, r] of Object.entries(template.Resources)) {
    const serviceToken = /^(Custom::|AWS::CloudFormation::CustomResource$)/.test(r.Type)
      ? getAttTarget(r.Properties?.ServiceToken)
      : undefined;
    if (serviceToken) {
      const { ServiceToken: _, ...properties } = r.Properties ?? {};
      byFunction.set(serviceToken, { kind: 'customResource', resourceType: r.Type, logicalId, properties });
    }
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

export async function functionsOf(service: string, dir: string): Promise<BenchFunction[]> {
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
        tracing: String(
          (r.Properties?.TracingConfig as { Mode?: unknown } | undefined)?.Mode ?? 'PassThrough',
        ),
      };
    });
}

/**
 * Unzips a function's package into `dir`; returns the bytes of its code (.js/.mjs/.cjs, uncompressed) and the
 * number of files written.
 */
export async function unzip(zipPath: string, dir: string): Promise<{ codeBytes: number; files: number }> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: true });
  let codeBytes = 0;
  let files = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      files++;
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
  return { codeBytes, files };
}

// ---------------------------------------------------------------------------------------------------------
// Events

const today = () => new Date().toISOString().slice(0, 10);
const BENCH_USER = 'bench-user';
const eventContext = (userId = BENCH_USER) => ({ userId, correlationId: randomUUID(), causationId: 'bench' });
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
const recordedOnTheBus = (userId = BENCH_USER) =>
  onTheBus(createEvent(ExpenseRecorded, { expense: expenseSnapshot() }, eventContext(userId)));

const categoryCreated = (userId: string) =>
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
    eventContext(userId),
  );
const thresholdReached = (userId: string) =>
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
    eventContext(userId),
  );
const notificationDelivered = (userId: string) =>
  createEvent(
    NotificationDelivered,
    {
      notificationId: randomUUID(),
      type: 'BudgetThresholdReached',
      severity: 'warning',
      channels: ['inbox', 'sns'],
    } as never,
    eventContext(userId),
  );

/** The event in the outbox record each service's relay gets: one its service publishes (its relay refuses others). */
const OUTBOX_EVENT: Record<string, (userId: string) => EventEnvelope> = {
  expenses: (userId) => createEvent(ExpenseRecorded, { expense: expenseSnapshot() }, eventContext(userId)),
  catalog: categoryCreated,
  insights: thresholdReached,
  notifications: notificationDelivered,
};

/** One SQS message body of each consumer, for a given user: events it accepts and handles the whole way. */
const SQS_BODY: Record<string, (userId: string) => unknown> = {
  applySpendingEvent: recordedOnTheBus,
  applyCatalogChange: (userId) => onTheBus(categoryCreated(userId)),
  deliverAlert: (userId) => onTheBus(thresholdReached(userId)),
  // S3's Object Created notification of an uploaded receipt, from the default bus (its main path).
  checkReceipt: (userId) => ({
    version: '0',
    id: randomUUID(),
    source: 'aws.s3',
    'detail-type': 'Object Created',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: ['arn:aws:s3:::bench-receipts'],
    detail: {
      version: '0',
      bucket: { name: 'bench-receipts' },
      object: { key: `receipts/${userId}/${randomUUID()}/${randomUUID()}`, size: 184233, etag: 'bench' },
      reason: 'PutObject',
    },
  }),
  routeOpsAlert: (userId) =>
    onTheBus(
      createEvent(
        InsightReportFailed,
        {
          reportId: randomUUID(),
          month: today().slice(0, 7),
          reason: 'save-failed',
          message: 'The report could not be saved after 3 attempts',
        } as never,
        eventContext(userId),
      ),
    ),
  // The user-alerts topic's raw message, as the webhook queue receives it.
  deliverWebhook: (userId) => ({
    id: randomUUID(),
    userId,
    sourceEventId: randomUUID(),
    type: 'BudgetThresholdReached',
    severity: 'warning',
    title: 'Groceries at 80 %',
    message: 'You have spent 85.00 EUR of 100.00 EUR',
    occurredAt: new Date().toISOString(),
    data: {},
  }),
};

/** Who record `index` of a batch belongs to. */
export type UserOf = (index: number) => string;

/** Every record of one user. */
export const oneUser: UserOf = () => BENCH_USER;

/**
 * The bodies of a batch of `records` SQS messages for `fn`: its own events (SQS_BODY), else ExpenseRecorded.
 * Throws when an event no longer fits its schema.
 */
export function sqsBodies(fn: string, records: number, userOf: UserOf = oneUser): unknown[] {
  const body = SQS_BODY[fn] ?? recordedOnTheBus;
  return Array.from({ length: records }, (_, index) => body(userOf(index)));
}

/** The records of bench:cold-start's first call: ten for applySpendingEvent (as the issue measures it), else one. */
const COLD_START_RECORDS: Record<string, number> = {
  applySpendingEvent: 10,
};

/**
 * A valid request of each route that takes one (docs/openapi), so the first call runs the function's whole path
 * (a version-guarded write finds nothing at version 1 and answers 404 or 412, as it would for a stale ETag).
 */
const HTTP_INPUT: Record<
  string,
  {
    body?: unknown;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    /** Path parameters that are not UUIDs. */
    path?: Record<string, string>;
  }
> = {
  createExpense: {
    body: { amount: { minorUnits: 1234, currency: 'EUR' }, date: today(), categoryId: 'groceries' },
  },
  listExpenses: { query: { month: today().slice(0, 7) } },
  updateExpense: { body: { note: 'Bench' }, headers: { 'if-match': '"1"' } },
  requestReceiptUpload: { body: { contentType: 'image/jpeg' } },
  createCategory: { body: { name: 'Bench' } },
  renameCategory: { body: { name: 'Bench renamed' }, headers: { 'if-match': '"1"' } },
  setBudget: { body: { amount: { minorUnits: 50000, currency: 'EUR' }, thresholds: [80, 100] } },
  setMerchantRule: { body: { merchant: 'Bench Market', categoryId: 'groceries' } },
  // A rule's id is 32 hex digits, derived from its merchant.
  removeMerchantRule: { path: { id: '5f0e2b7c9a1d4e3f8b6c0a2d4e6f8a1b' } },
  getSummary: { query: { month: today().slice(0, 7) } },
  listReports: { query: { month: today().slice(0, 7) } },
  requestReport: { body: { month: today().slice(0, 7) } },
  putPreferences: { body: { types: ['BudgetThresholdReached'] } },
};

/** A report job as the report workflow passes it to its steps, for the current month. */
const reportJob = () => ({
  userId: BENCH_USER,
  reportId: randomUUID(),
  month: today().slice(0, 7),
  correlationId: randomUUID(),
});
const emptyStatistics = () =>
  computeStatistics(
    emptyMonth(BENCH_USER, today().slice(0, 7)),
    emptyMonth(BENCH_USER, previousMonth(today().slice(0, 7))),
  );

/** The input each step of the report workflow gets from the state before it (resources/reportWorkflow.yml). */
const WORKFLOW_INPUT: Record<string, () => unknown> = {
  loadReportData: reportJob,
  askReportModel: () => ({ ...reportJob(), statistics: emptyStatistics(), enoughData: false }),
  saveReport: () => ({
    ...reportJob(),
    statistics: emptyStatistics(),
    outcome: { source: 'fallback', fallbackReason: 'not-enough-data' },
  }),
  markReportFailed: () => ({
    ...reportJob(),
    error: { Error: 'States.Timeout', Cause: 'State AskModel timed out' },
  }),
};

/** Tries building the named events; a schema they no longer fit falls back to a generic event. */
function safely<T>(build: () => T, fallback: () => T): T {
  try {
    return build();
  } catch {
    return fallback();
  }
}

/**
 * An event of the function's trigger, as bench:cold-start's first call sends it. A custom resource's Create
 * request has its ResponseURL on `endpoint` (the fake AWS endpoint accepts the PUT).
 */
export function eventOf(f: BenchFunction, endpoint = 'http://127.0.0.1:9'): unknown {
  const { trigger } = f;
  if (trigger.kind === 'customResource') {
    const stackId = `arn:aws:cloudformation:eu-west-1:123456789012:stack/spendwise-${f.service}-bench/${randomUUID()}`;
    return {
      RequestType: 'Create',
      ServiceToken: `arn:aws:lambda:eu-west-1:123456789012:function:spendwise-${f.service}-bench-${f.fn}`,
      ResponseURL: `${endpoint}/cloudformation-response/${randomUUID()}`,
      StackId: stackId,
      RequestId: randomUUID(),
      LogicalResourceId: trigger.logicalId,
      ResourceType: trigger.resourceType,
      ResourceProperties: { ServiceToken: 'bench', ...trigger.properties },
    };
  }
  if (trigger.kind === 'http') {
    const input = HTTP_INPUT[f.fn] ?? {};
    const pathParameters: Record<string, string> = {};
    const path = trigger.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      pathParameters[name] = input.path?.[name] ?? randomUUID();
      return pathParameters[name]!;
    });
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(trigger.method);
    return httpEvent({
      method: trigger.method,
      path,
      pathParameters,
      ...(input.query ? { query: input.query } : {}),
      ...(hasBody ? { body: input.body ?? {} } : {}),
      headers: { 'idempotency-key': randomUUID(), ...input.headers },
      claims: { sub: 'bench-user', scope: trigger.scopes.join(' ') },
    });
  }
  if (trigger.kind === 'sqs') {
    // Each consumer's own events (SQS_BODY); one that no longer fits its schema falls back to ExpenseRecorded,
    // and the outcome column shows the refused record.
    const records = COLD_START_RECORDS[f.fn] ?? 1;
    const bodies = safely(
      () => sqsBodies(f.fn, records),
      () => [recordedOnTheBus()],
    );
    return sqsEvent(bodies.map((body) => ({ body })));
  }
  if (trigger.kind === 'stream') {
    // An outbox record as the relay's stream filter passes it (packages/outbox/src/outboxItem.ts).
    const now = new Date();
    const event = OUTBOX_EVENT[f.service];
    if (!event) throw new Error(`${f.service}/${f.fn}: no outbox event for the ${f.service} service's relay`);
    const item = outboxItem(event(BENCH_USER), now);
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
  return WORKFLOW_INPUT[f.fn]?.() ?? {};
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
      // Every outbox record asked for is still pending (the relay's consistent read), so it publishes them;
      // nothing else is found.
      const requests = (input.RequestItems ?? {}) as Record<string, { Keys: { PK?: { S?: string } }[] }>;
      const responses = Object.fromEntries(
        Object.entries(requests).map(([table, { Keys }]) => [
          table,
          Keys.filter((key) => key.PK?.S?.startsWith('OUTBOX#')).map((key) => ({
            eventId: { S: String(key.PK?.S).replace(/^OUTBOX#/, '') },
          })),
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

/** The fake endpoint's count of the SDK calls it answered, for a process under test (`GET <url>/_bench/calls`). */
export const CALLS_PATH = '/_bench/calls';

export interface FakeAws {
  url: string;
  /** SDK calls answered so far. */
  calls: () => number;
  close: () => Promise<void>;
}

/** A local HTTP server answering every AWS SDK call (see `answer`), counting them. */
export async function startFakeAws(): Promise<FakeAws> {
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === CALLS_PATH) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(String(calls));
        return;
      }
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
// Lambda's environment

export function lambdaEnv(
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

/** A UDP socket standing in for the X-Ray daemon: segments of sampled requests are sent to it and dropped. */
export async function startXrayDaemon(): Promise<{ address: string; close: () => void }> {
  const daemon = createSocket('udp4');
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  daemon.on('message', () => {});
  return { address: `127.0.0.1:${daemon.address().port}`, close: () => daemon.close() };
}

/** The version of a Node.js binary (`v24.…`). */
export function nodeVersion(node: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(node, ['-p', 'JSON.stringify({version: process.version})']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.on('exit', () => resolve((JSON.parse(out) as { version: string }).version));
    child.on('error', reject);
  });
}

/** The module file of an unzipped function's handler (`src/functions/x/handler.handler`), and its export. */
export function handlerModule(f: BenchFunction, dir: string): { modulePath: string; exportName: string } {
  const dot = f.handler.lastIndexOf('.');
  const moduleBase = join(dir, f.handler.slice(0, dot));
  const modulePath = ['.mjs', '.js', '.cjs'].map((ext) => moduleBase + ext).find((p) => existsSync(p));
  if (!modulePath) throw new Error(`${f.service}/${f.fn}: no module for handler ${f.handler}`);
  return { modulePath, exportName: f.handler.slice(dot + 1) };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
