import type { LocalCloudConfig } from './config';
import type { Unsupported } from './errors';
import type {
  EventBusPort,
  IamPort,
  LambdaPort,
  LogSink,
  MetricsPort,
  ParameterStore,
  SecretStore,
  SnsPort,
  SqsPort,
  StepFunctionsPort,
} from './ports';

/**
 * True when the local cloud evaluates IAM (`--iam enforce` or `report`): roles, queue, topic, bucket and bus
 * policies and Lambda permissions then take effect, and the deployer no longer reports them as ignored.
 */
export const iamEvaluated = (ctx: Pick<LocalCloud, 'iam'>): boolean =>
  ctx.iam !== undefined && ctx.iam.mode !== 'off';

/**
 * The running local cloud as every engine sees it. Engines are created first and wired here afterwards, so
 * each reads its peers at call time (`ctx.sqs.send(...)`), never at construction.
 */
export interface LocalCloud {
  readonly config: LocalCloudConfig;
  lambda: LambdaPort;
  sqs: SqsPort;
  sns: SnsPort;
  events: EventBusPort;
  sfn: StepFunctionsPort;
  metrics: MetricsPort;
  logs: LogSink;
  ssm: ParameterStore;
  /** Secrets Manager, for `{{resolve:secretsmanager:…}}` (absent in small test clouds). */
  secrets?: SecretStore;
  /**
   * IAM (`--iam`): the engines authorise their deliveries through it (absent in small test clouds, where every
   * call is allowed).
   */
  iam?: IamPort;
  /** Records something in the templates that cannot be honoured; printed by name at start-up. */
  report(item: Unsupported): void;
  /** Progress and diagnostics for the person running the local cloud (not function logs). */
  log(message: string): void;
}
