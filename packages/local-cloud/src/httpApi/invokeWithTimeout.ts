import type { InvokeOutcome, LambdaPort } from '../core/ports';

/** An invocation's outcome, or `timeout` when the integration timeout passed first (the function keeps running). */
export type IntegrationOutcome = InvokeOutcome | { ok: 'timeout' };

/**
 * Invokes a function synchronously, giving up after `timeoutMs` as API Gateway does (503). A function with every
 * execution environment busy is throttled at once, as Lambda throttles API Gateway's call (the caller gets
 * API Gateway's 500), instead of queueing until the timeout.
 */
export async function invokeWithTimeout(
  lambda: LambdaPort,
  functionRef: string,
  event: unknown,
  timeoutMs: number,
): Promise<IntegrationOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<IntegrationOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: 'timeout' }), timeoutMs);
  });
  const invocation = lambda.invoke(functionRef, event, { whenBusy: 'throttle' }).catch(
    (error: unknown): InvokeOutcome => ({
      ok: false,
      errorType: error instanceof Error ? error.name : 'Error',
      errorMessage: error instanceof Error ? error.message : String(error),
      durationMs: 0,
      coldStart: false,
    }),
  );
  try {
    return await Promise.race([invocation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
