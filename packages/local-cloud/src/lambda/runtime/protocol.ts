/** Lambda's serialised error, as the Invoke API, destinations and the runtime log show it. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** What the worker bootstrap (worker.mjs) sends to its parent. */
export type WorkerMessage =
  | { type: 'ready'; initDurationMs: number; callbackStyle: boolean }
  | { type: 'initError'; error: LambdaError }
  | ({ type: 'result'; id: string; memoryUsedMb: number } & (
      | { ok: true; resultJson: string }
      | { ok: false; error: LambdaError }
    ));

/** The context fields the worker turns into the handler's `context` object. */
export interface ContextFields {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  deadlineMs: number;
}

/** Marks the end of one invocation's output on the worker's stdout and stderr (see worker.mjs). */
export const SENTINEL = '\u001eLOCAL_CLOUD_INVOCATION_END ';
