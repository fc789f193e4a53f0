import { AuthEngine } from './auth';
import { BedrockApi, LocalModel, type ModelBackend } from './bedrock';
import { AlarmEngine, cloudWatchApi, MetricStore } from './cloudwatch';
import type { Settles } from './core/activity';
import type { LocalCloud } from './core/context';
import type { AwsApi, LocalRoute, RawApi } from './core/protocol';
import type { ResourceProvider } from './core/resources';
import { CustomResourceProvider } from './deploy/customResources';
import { type LocalDynamoDb, startDynamoDb } from './dynamodb';
import { EdgeEngine } from './edge';
import { createEventsApi, EventBridgeEngine, eventsResourceProviders } from './events';
import { HttpApiEngine } from './httpApi';
import { DEFAULT_IAM_MODE, IamEnforcement, type IamMode } from './iam/enforcement';
import { LambdaEngine } from './lambda';
import { openPersistence } from './persistence/enginePersistence';
import { S3Api, S3BucketProvider, S3Engine } from './s3';
import { ScheduleProvider, SchedulerEngine } from './scheduler';
import { SecretProvider, SecretStoreEngine, SecretsManagerApi } from './secretsmanager';
import { type SettleOptions, type SettleReport, settle } from './settle';
import { SnsEngine } from './sns';
import { SqsEngine } from './sqs';
import { CrossRegionParametersProvider, ParameterStoreEngine, SsmApi, SsmParameterProvider } from './ssm';
import { StateMachineProvider, StepFunctionsApi, StepFunctionsEngine } from './stepfunctions';

export interface EngineOptions {
  /** First port of the per-service HTTP APIs (0: any free port). */
  apiBasePort: number;
  /** Local length of alarm periods relative to AWS (1 = real time). */
  alarmTimeScale: number;
  /** SQS visibility timeouts relative to AWS (default 1), so failed messages come back sooner. */
  queueTimeScale?: number;
  /** Where Bedrock calls go instead of the local model (Amazon Bedrock, an OpenAI-compatible server). */
  modelBackend?: ModelBackend;
  /** Port of the local edge's first distribution (default 3000; 0: any free port). */
  webPort?: number;
  /** Folder the local edge serves as the web app's bucket (default `<rootDir>/apps/web/dist`). */
  webRoot?: string;
  /** WAF rate-based rule windows relative to AWS (default 1). */
  wafTimeScale?: number;
  /** IAM enforcement (`--iam`; default DEFAULT_IAM_MODE, `enforce`). */
  iam?: IamMode;
}

/** Every local engine, created and wired into the shared context. */
export interface Engines {
  dynamodb: LocalDynamoDb;
  metrics: MetricStore;
  lambda: LambdaEngine;
  sqs: SqsEngine;
  sns: SnsEngine;
  events: EventBridgeEngine;
  alarms: AlarmEngine;
  auth: AuthEngine;
  httpApi: HttpApiEngine;
  ssm: ParameterStoreEngine;
  secrets: SecretStoreEngine;
  model: LocalModel;
  sfn: StepFunctionsEngine;
  scheduler: SchedulerEngine;
  edge: EdgeEngine;
  customResources: CustomResourceProvider;
  s3: S3Engine;
  iam: IamEnforcement;
}

/** Creates the engines and plugs each into the context's ports. DynamoDB Local starts here. */
export async function createEngines(ctx: LocalCloud, options: EngineOptions): Promise<Engines> {
  const metrics = new MetricStore();
  ctx.metrics = metrics;
  const dynamodb = await startDynamoDb(ctx);
  const model = new LocalModel(ctx, options.modelBackend ? { backend: options.modelBackend } : {});
  const auth = new AuthEngine(ctx);
  // What must survive a crash (queue messages, bus deliveries, async events, executions), unless in memory.
  const kept = openPersistence(ctx.config);
  const engines: Engines = {
    dynamodb,
    metrics,
    lambda: new LambdaEngine(ctx, kept.asyncEvents ? { pending: kept.asyncEvents } : {}),
    sqs: new SqsEngine(ctx, {
      visibilityTimeScale: options.queueTimeScale ?? 1,
      ...(kept.sqsDir ? { persistDir: kept.sqsDir, syncWrites: kept.syncWrites } : {}),
    }),
    sns: new SnsEngine(ctx),
    events: new EventBridgeEngine(ctx, kept.deliveries ? { pending: kept.deliveries } : {}),
    alarms: new AlarmEngine(ctx, { timeScale: options.alarmTimeScale }),
    auth,
    httpApi: new HttpApiEngine(ctx, { keys: auth, basePort: options.apiBasePort }),
    ssm: new ParameterStoreEngine(ctx.config),
    secrets: new SecretStoreEngine(ctx.config),
    model,
    sfn: new StepFunctionsEngine(ctx, { model, ...(kept.executions ? { pending: kept.executions } : {}) }),
    scheduler: new SchedulerEngine(ctx),
    edge: new EdgeEngine(ctx, {
      webRoot: options.webRoot ?? `${ctx.config.rootDir}/apps/web/dist`,
      webPort: options.webPort ?? 3000,
      wafTimeScale: options.wafTimeScale ?? 1,
    }),
    customResources: new CustomResourceProvider(),
    s3: new S3Engine(ctx),
    iam: new IamEnforcement(options.iam ?? DEFAULT_IAM_MODE, ctx.config, { log: (line) => ctx.log(line) }),
  };
  ctx.iam = engines.iam;
  ctx.lambda = engines.lambda;
  ctx.sqs = engines.sqs;
  ctx.sns = engines.sns;
  ctx.events = engines.events;
  ctx.sfn = engines.sfn;
  ctx.ssm = engines.ssm;
  ctx.secrets = engines.secrets;
  return engines;
}

/** The AWS APIs the shared endpoint serves. */
export function apisOf(engines: Engines): AwsApi[] {
  return [
    engines.dynamodb.engine.api,
    engines.lambda.api(),
    engines.sqs,
    engines.sns.api(),
    createEventsApi(engines.events),
    new StepFunctionsApi(engines.sfn),
    new BedrockApi(engines.model),
    new SsmApi(engines.ssm),
    new SecretsManagerApi(engines.secrets),
    cloudWatchApi(engines.metrics, engines.alarms),
  ];
}

/** The APIs that stream their requests on the shared endpoint (S3 objects). */
export function rawApisOf(engines: Engines): RawApi[] {
  return [
    new S3Api(engines.s3, undefined, (request, accessKeyId) => engines.iam.authorizeS3(request, accessKeyId)),
  ];
}

/** Plain routes on the shared endpoint that belong to engines (JWKS, SNS unsubscribe links). */
export function routesOf(engines: Engines): LocalRoute[] {
  return [...engines.auth.routes(), ...engines.sns.routes(), ...engines.customResources.routes()];
}

/** Every resource provider, in the order the deployer should ask them. */
export function providersOf(engines: Engines): ResourceProvider[] {
  return [
    ...engines.dynamodb.engine.providers,
    ...engines.lambda.providers(),
    ...engines.sqs.providers(),
    ...engines.sns.providers(),
    ...eventsResourceProviders(engines.events),
    ...engines.alarms.providers(),
    ...engines.auth.providers(),
    ...engines.httpApi.providers(),
    new StateMachineProvider(engines.sfn),
    new SsmParameterProvider(engines.ssm),
    new CrossRegionParametersProvider(engines.ssm),
    new SecretProvider(engines.secrets),
    new ScheduleProvider(engines.scheduler),
    // Before the edge: buckets a CloudFront distribution serves from are declined here and left to the edge.
    new S3BucketProvider(engines.s3),
    ...engines.edge.providers(),
    engines.customResources,
  ];
}

/** Arms timers for the EventBridge rules that run on a schedule (`ScheduleExpression`). */
export function armScheduledRules(engines: Engines): void {
  for (const rule of engines.events.scheduledRules()) {
    if (!rule.enabled) continue;
    engines.scheduler.addScheduledRule(rule.name, rule.scheduleExpression, async () => {
      rule.fire();
    });
  }
}

/**
 * The engines whose asynchronous work `settled()` waits for. Alarms and schedules are left out: they act on
 * their own clocks (what they start is waited for once started).
 */
export function settlingOf(engines: Engines): Settles[] {
  return [engines.dynamodb.engine, engines.lambda, engines.sqs, engines.sns, engines.events, engines.sfn];
}

/** Waits until every engine has finished its asynchronous work, and the work it caused (see `settle`). */
export function settleEngines(engines: Engines, options?: SettleOptions): Promise<SettleReport> {
  return settle(settlingOf(engines), options);
}

/** Stops everything that runs on its own, in reverse order of dependence. */
export async function stopEngines(engines: Engines): Promise<void> {
  engines.scheduler.stop();
  engines.alarms.stop();
  await engines.edge.stop();
  await engines.httpApi.stop();
  // Running executions would go on calling functions and tables after shutdown.
  await engines.sfn.stop();
  await engines.sqs.stop();
  await engines.lambda.stop();
  await engines.dynamodb.stop();
  await engines.s3.stop();
}
