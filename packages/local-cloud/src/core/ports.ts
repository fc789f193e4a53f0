import type { AwsApiError } from './errors';
/**
 * What the local services ask of one another. Each engine implements its port and reaches the others only
 * through `LocalCloud` (see context.ts), so engines can be built and tested alone with fakes.
 */

/** The result of running a function: its return value, or the error it threw or timed out with. */
export type InvokeOutcome =
  | { ok: true; result: unknown; durationMs: number; coldStart: boolean }
  | {
      ok: false;
      errorType: string;
      errorMessage: string;
      trace?: string[];
      durationMs: number;
      coldStart: boolean;
    };

export interface InvokeOptions {
  async?: boolean;
  /**
   * A synchronous call that finds every execution environment of the function busy: `throttle` rejects with
   * 429 TooManyRequestsException at once, as Lambda does (the Invoke API, API Gateway's integration);
   * `wait` (default) waits for a free one: the local form of an event source's or service's back-off and retry
   * (stream and queue pollers, SNS, Step Functions). A reserved concurrency in use throttles either way.
   */
  whenBusy?: 'wait' | 'throttle';
}

export interface LambdaPort {
  /**
   * Runs a function by name or ARN (a qualifier suffix is ignored). `async: true` is an Event invocation: it
   * resolves once queued (with `{ ok: true, result: undefined }`), runs later, and retries and routes failures
   * to the function's on-failure destination / DLQ as Lambda does.
   */
  invoke(functionRef: string, payload: unknown, options?: InvokeOptions): Promise<InvokeOutcome>;
  has(functionRef: string): boolean;
}

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface OutgoingMessage {
  body: string;
  attributes?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
  groupId?: string;
  deduplicationId?: string;
}

export interface SqsPort {
  /** Sends to a queue given by ARN, URL or name. Rejects (AwsApiError) when it does not exist. */
  send(queueRef: string, message: OutgoingMessage): Promise<{ messageId: string }>;
  has(queueRef: string): boolean;
}

export interface SnsPort {
  publish(
    topicArn: string,
    message: { message: string; subject?: string; attributes?: Record<string, MessageAttributeValue> },
  ): Promise<{ messageId: string }>;
  has(topicArn: string): boolean;
}

/** A PutEvents entry as the EventBridge API takes it. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | Date;
  TraceHeader?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** An event as EventBridge delivers it to targets and as the bus tap shows it. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface EventBusPort {
  putEvents(
    entries: PutEventsEntry[],
  ): Promise<{ FailedEntryCount: number; Entries: PutEventsResultEntry[] }>;
  /** Live tap on every event accepted by any bus (for `events tail` and tests); returns an unsubscribe. */
  onEvent(listener: (busName: string, event: BusEvent) => void): () => void;
}

export interface StepFunctionsPort {
  startExecution(stateMachineArn: string, input: string, name?: string): Promise<{ executionArn: string }>;
}

export interface MetricDatum {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  value: number;
  unit?: string;
  timestamp: Date;
}

export interface MetricsPort {
  put(datum: MetricDatum): void;
  /** Aggregates the data points of one metric (dimensions must match exactly) over [from, to). */
  statistic(
    query: { namespace: string; name: string; dimensions: Record<string, string> },
    statistic: 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount',
    from: Date,
    to: Date,
  ): number | undefined;
}

/** Where function logs and other log-group writes go (printed with their source, kept per log group). */
export interface LogSink {
  write(logGroup: string, line: string, meta?: { requestId?: string; source?: string }): void;
}

/** A `{{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}` reference. */
export interface SecretReference {
  secretId: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

/** Secrets for dynamic references: the value, or undefined when the secret, version or key is missing. */
export interface SecretStore {
  resolve(reference: SecretReference): string | undefined;
}

export interface ParameterStore {
  get(name: string): string | undefined;
  put(name: string, value: string): void;
}

/** A denied engine call: the error (code, AWS's message) to fail the way AWS fails that path. */
export interface IamDenial {
  error: AwsApiError;
}

/**
 * IAM as the engines see it (`iam/enforcement.ts`): each asks before it delivers on behalf of a deployed
 * resource, as the principal AWS authorises (a role ARN or a service principal). Resolves with the denial in
 * `enforce` mode; undefined when allowed, or in `report` / `off` mode.
 */
export interface IamPort {
  readonly mode: 'enforce' | 'report' | 'off';
  /** The role a deployed function runs as (name or ARN, qualified or not). */
  functionRole(functionNameOrArn: string): string | undefined;
  authorizeCall(call: {
    principal: string;
    service: string;
    operation: string;
    input: Record<string, unknown>;
    context?: Record<string, string | string[]>;
    caller: string;
  }): Promise<IamDenial | undefined>;
  authorizeDelivery(delivery: {
    principal: string;
    target: string;
    caller: string;
    source?: string;
    payload?: Record<string, unknown>;
    /** The log stream a delivery to a log group creates and writes. */
    stream?: string;
  }): Promise<IamDenial | undefined>;
  authorizeEventSource(mapping: { functionRef: string; sourceArn: string }): Promise<IamDenial | undefined>;
}
