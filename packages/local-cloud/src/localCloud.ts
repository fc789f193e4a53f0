import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProgress } from '@spendwise/packager';
import { type ModelEndpointOptions, modelBackendOf } from './bedrock';
import { type EndpointsFile, writeEndpoints } from './cli/endpointsFile';
import { API_DOCS_PATH, apiDocsRoutes } from './control/apiDocs';
import { controlRoutes } from './control/routes';
import { controlTarget } from './control/target';
import { defaultConfig, type LocalCloudConfig } from './core/config';
import type { LocalCloud } from './core/context';
import type { Unsupported } from './core/errors';
import type { AwsRequest, AwsResponse } from './core/protocol';
import { deployStacks, loadComposeStacks } from './deploy';
import type { StackInput } from './deploy/template';
import { dynamoDbCall } from './dynamodb/wire';
import {
  apisOf,
  armScheduledRules,
  createEngines,
  type Engines,
  providersOf,
  rawApisOf,
  routesOf,
  settleEngines,
  stopEngines,
} from './engines';
import { checkAllowedOrigins, Gateway } from './gateway';
import { accessKeyOf } from './iam/credentials';
import type { IamEnforcement, IamMode } from './iam/enforcement';
import { LocalLogSink } from './logs/logSink';
import { describeResumed, resumeEngines } from './persistence/enginePersistence';
import type { SettleOptions, SettleReport } from './settle';
import { LocalSnapshots, snapshotRoutes } from './snapshots';

export interface StartOptions extends Partial<Omit<LocalCloudConfig, 'rootDir'>> {
  rootDir: string;
  /** Repackage every service even when unchanged. */
  force?: boolean;
  /** First port of the service APIs (default 4600; 0 = any free port). */
  apiBasePort?: number;
  /** Alarm periods relative to AWS (default 1). */
  alarmTimeScale?: number;
  /** SQS visibility timeouts relative to AWS (default 1): how soon a failed message is delivered again. */
  queueTimeScale?: number;
  /** Port of the local edge (the first CloudFront distribution; default 3000, 0 = any free port). */
  webPort?: number;
  /** Folder served as the web app's bucket (default `<rootDir>/apps/web/dist`). */
  webRoot?: string;
  /** WAF rate-based rule windows relative to AWS (default 1); the limits stay exact. */
  wafTimeScale?: number;
  /** Progress lines (packaging, deployment); default: nowhere. */
  progress?: (line: string) => void;
  /** Function log lines as they come; default: nowhere. */
  printLogs?: (line: string) => void;
  /** Send Bedrock calls to a real model instead of the local one (`--model-endpoint`). */
  model?: ModelEndpointOptions;
  /**
   * CloudFormation parameter values per compose service, e.g. `{ expenses: { TableName, TableStreamArn } }` to
   * run a service on a restored table (docs/runbooks/restore-table.md); the templates' Defaults otherwise.
   */
  stackParameters?: Record<string, Record<string, string>>;
  /**
   * IAM on the request path (`--iam`): `enforce` answers AccessDenied as AWS would, `report` allows but lists
   * what would have been denied, `off` evaluates nothing. Default: DEFAULT_IAM_MODE.
   */
  iam?: IamMode;
  /**
   * Changes the packaged templates before they are deployed (tests: a fixture copy without one permission).
   * The packaging cache is not touched.
   */
  editTemplates?: (stacks: StackInput[]) => StackInput[];
}

export interface RunningLocalCloud {
  config: LocalCloudConfig;
  /** The shared context the engines are wired through (benchmarks and tests observe it). */
  ctx: LocalCloud;
  endpoints: EndpointsFile;
  endpointsPath: string;
  unsupported: Unsupported[];
  engines: Engines;
  logs: LocalLogSink;
  /** Snapshots of every table and the local S3 folder, and restores into new tables (`/_local/snapshots`). */
  snapshots: LocalSnapshots;
  /**
   * Resolves once everything asynchronous has finished — stream records relayed, bus deliveries (with their
   * retries) done, consumed queues empty with nothing in flight or delayed, SNS deliveries, asynchronous and
   * running invocations, executions — including what each caused in the others. Rejects with
   * NotSettledError (saying what is still in hand) after `timeoutMs` (default 60 s).
   */
  settled(options?: SettleOptions): Promise<SettleReport>;
  stop(): Promise<void>;
}

/**
 * Brings the whole system up: engines, the shared AWS endpoint, packaging (cached) and deployment of every
 * compose service's template, the service APIs, alarms, then writes `.local-cloud/endpoints.json`.
 */
export async function startLocalCloud(options: StartOptions): Promise<RunningLocalCloud> {
  const {
    rootDir,
    force,
    apiBasePort,
    alarmTimeScale,
    queueTimeScale,
    webPort,
    webRoot,
    wafTimeScale,
    progress = () => {},
    printLogs,
    model,
    stackParameters,
    iam,
    editTemplates = (stacks: StackInput[]) => stacks,
    ...overrides
  } = options;
  const config = defaultConfig(rootDir, overrides);
  // Before anything starts: a wrong --model-endpoint fails at once.
  const modelBackend = modelBackendOf(model ?? {}, config.region);
  config.allowedOrigins = checkAllowedOrigins(config.allowedOrigins);
  await mkdir(config.dataDir, { recursive: true });
  const logs = new LocalLogSink({
    dir: join(config.dataDir, 'logs'),
    ...(printLogs ? { print: printLogs } : {}),
  });
  const unsupported: Unsupported[] = [];
  // The ports (lambda, sqs, …) are plugged in by createEngines before anything uses them.
  const ctx = {
    config,
    logs,
    report: (item: Unsupported) => {
      unsupported.push(item);
    },
    log: progress,
  } as unknown as LocalCloud;

  // Packaging (or its cache check) and DynamoDB Local's JVM start-up are independent: overlap them.
  const packaged = loadComposeStacks(rootDir, config.stage, config.region, {
    ...(force ? { force } : {}),
    onProgress: (event) => progress(formatProgress(event)),
  });
  packaged.catch(() => undefined);
  const engines = await createEngines(ctx, {
    apiBasePort: apiBasePort ?? 4600,
    alarmTimeScale: alarmTimeScale ?? 1,
    ...definedOnly({ queueTimeScale, modelBackend, webPort, webRoot, wafTimeScale, iam }),
  });
  const snapshots = new LocalSnapshots(dynamoDbCall(engines.dynamodb.endpoint), config.dataDir, progress);
  const gateway = new Gateway({
    host: config.host,
    port: config.awsPort,
    allowedOrigins: config.allowedOrigins,
    allowedHosts: config.allowedHosts,
    browserAccess: (request) => engines.auth.browserAccess(request),
    apis: apisOf(engines),
    rawApis: rawApisOf(engines),
    routes: [
      ...routesOf(engines),
      ...controlRoutes(controlTarget(engines)),
      ...apiDocsRoutes(rootDir),
      ...snapshotRoutes(snapshots),
    ],
    authorize: (request) =>
      engines.iam.authorizeRequest(request, accessKeyOf(request.headers, request.query)),
    observe: (request, response) => observeStreams(engines.iam, request, response),
  });
  const stop = async () => {
    await gateway.stop();
    await stopEngines(engines);
    await logs.close();
  };
  try {
    const awsEndpoint = await gateway.start();
    // With port 0 the system picked a free port: functions and queue URLs must use the real one.
    config.awsPort = Number(new URL(awsEndpoint).port);
    progress(`AWS endpoint on ${awsEndpoint}`);
    if (modelBackend) {
      const problem = await modelBackend.probe();
      progress(`model calls go to ${modelBackend.description}${problem ? ` — warning: ${problem}` : ''}`);
    }
    progress(`API reference on ${awsEndpoint}${API_DOCS_PATH}`);
    const deployed = await deployStacks(
      editTemplates(withParameters(await packaged, stackParameters)),
      providersOf(engines),
      ctx,
      // What AWS checks as CloudFormation creates a resource: Lambda refuses a mapping its function's role cannot read.
      { beforeCreate: (resource, stacks) => engines.iam.checkCreation(resource, stacks) },
    );
    engines.iam.load(deployed.stacks);
    engines.iam.useLivePolicies((arn) => engines.sqs.registry.resolve(arn)?.attributes.Policy);
    progress(describeIam(engines.iam));
    const resumed = describeResumed(resumeEngines(engines));
    if (resumed) progress(resumed);
    const apis = await engines.httpApi.start();
    const distributions = await engines.edge.start({
      apis: engines.httpApi,
      auth: engines.auth,
      awsEndpoint,
    });
    // The app the local edge serves signs in against the local issuer on the AWS endpoint: its origin is
    // allowed there like one given with --allow-origin (the gateway reads this list on every request).
    allowEdgeOrigins(config, distributions);
    engines.alarms.registerGauge(
      'AWS/SQS',
      'ApproximateNumberOfMessagesVisible',
      ['QueueName'],
      (dimensions) => engines.sqs.queues().find((queue) => queue.name === dimensions.QueueName)?.visible ?? 0,
    );
    engines.alarms.start();
    armScheduledRules(engines);
    const endpoints: EndpointsFile = {
      awsEndpoint,
      ...(distributions[0] ? { web: distributions[0].url } : {}),
      region: config.region,
      stage: config.stage,
      accountId: config.accountId,
      apis: Object.fromEntries(apis.map((api) => [api.stack, api.url])),
      issuers: engines.auth.issuers(),
      outbox: engines.sns.outboxDir(),
      logs: join(config.dataDir, 'logs'),
      startedAt: new Date().toISOString(),
      pid: process.pid,
    };
    const endpointsPath = await writeEndpoints(config.dataDir, endpoints);
    const settled = (settleOptions?: SettleOptions) => settleEngines(engines, settleOptions);
    return { config, ctx, endpoints, endpointsPath, unsupported, engines, logs, snapshots, settled, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** One start-up line on what IAM does in this run. */
function describeIam(iam: IamEnforcement): string {
  const roles = iam.policies?.roles.size ?? 0;
  switch (iam.mode) {
    case 'enforce':
      return `IAM enforced: ${roles} roles and every resource policy are evaluated; denials answer AccessDenied (spendwise-local iam denials lists them)`;
    case 'report':
      return `IAM in report mode: ${roles} roles evaluated, every call allowed; what would be denied is printed and listed by spendwise-local iam denials`;
    default:
      return 'IAM off (--iam off): every call is allowed, nothing is evaluated';
  }
}

/** DynamoDB Local's shard iterators are opaque: IAM learns the stream of each from the answer that gave it. */
function observeStreams(iam: IamEnforcement, request: AwsRequest, response: AwsResponse): void {
  if (!iam.active || !request.target?.startsWith('DynamoDBStreams_') || response.status !== 200) return;
  const operation = request.action;
  if (operation !== 'GetShardIterator' && operation !== 'GetRecords') return;
  const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : String(response.body ?? '');
  const iterator = /"(?:Next)?ShardIterator"\s*:\s*"([^"]+)"/.exec(text)?.[1];
  let input: Record<string, unknown> = {};
  try {
    input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return;
  }
  if (iterator)
    iam.observeStreamAnswer(
      operation,
      input,
      operation === 'GetShardIterator' ? { ShardIterator: iterator } : { NextShardIterator: iterator },
    );
}

/** The stacks with the parameter values given for their service (others keep their Defaults). */
function withParameters<T extends { name: string; parameters?: Record<string, string> }>(
  stacks: T[],
  values: StartOptions['stackParameters'],
): T[] {
  if (!values) return stacks;
  const unknown = Object.keys(values).filter((name) => !stacks.some((stack) => stack.name === name));
  if (unknown.length > 0) throw new Error(`stack parameters for unknown service(s): ${unknown.join(', ')}`);
  return stacks.map((stack) =>
    values[stack.name] ? { ...stack, parameters: { ...stack.parameters, ...values[stack.name] } } : stack,
  );
}

/**
 * The app the local edge serves signs in against the local issuer on the AWS endpoint: its origins are allowed
 * there like ones given with --allow-origin (the gateway reads this list on every request).
 */
function allowEdgeOrigins(config: LocalCloudConfig, distributions: Array<{ url: string }>): void {
  for (const { url } of distributions) {
    for (const origin of [url, url.replace('//localhost:', '//127.0.0.1:')]) {
      if (!config.allowedOrigins.includes(origin)) config.allowedOrigins.push(origin);
    }
  }
}

/** The options that were given: `exactOptionalPropertyTypes` wants absent keys, not undefined values. */
function definedOnly<T extends Record<string, unknown>>(
  options: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
