import type { LocalCloudConfig } from './config';
import type { Unsupported } from './errors';
import type {
  EventBusPort,
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
  /** Records something in the templates that cannot be honoured; printed by name at start-up. */
  report(item: Unsupported): void;
  /** Progress and diagnostics for the person running the local cloud (not function logs). */
  log(message: string): void;
}
