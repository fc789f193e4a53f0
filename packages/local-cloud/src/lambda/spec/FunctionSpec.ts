/** A deployed function as the engine runs it: the template's settings, resolved and defaulted. */
export interface FunctionSpec {
  stack: string;
  logicalId: string;
  name: string;
  arn: string;
  /** The Handler setting, e.g. `src/functions/createExpense/handler.handler`. */
  handler: string;
  runtime: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Environment.Variables of the template (the standard Lambda variables are added at start). */
  variables: Record<string, string>;
  /** ReservedConcurrentExecutions; undefined when the function draws on the (unreserved) account pool. */
  reservedConcurrency?: number;
  /** DeadLetterConfig.TargetArn: the SQS queue or SNS topic that receives failed asynchronous events. */
  deadLetterTargetArn?: string;
  logGroup: string;
  /** Folder the bundle was extracted to (LAMBDA_TASK_ROOT). */
  codeDir: string;
}

/** AWS::Lambda::EventInvokeConfig for a function: how its asynchronous invocations are retried and routed. */
export interface EventInvokeConfig {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccess?: string;
  onFailure?: string;
}

/** Lambda's defaults for asynchronous invocation: two retries, events kept six hours. */
export const DEFAULT_EVENT_INVOKE_CONFIG: EventInvokeConfig = {
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21_600,
};
