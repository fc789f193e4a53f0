import type { LocalCloud } from '../../core/context';
import type { InvokeOutcome } from '../../core/ports';
import type { ExecutionEnvironment, RunResult } from '../runtime/ExecutionEnvironment';
import { type Acquired, type ColdStart, ConcurrencyLimitError } from '../runtime/FunctionPool';
import type { ContextFields, LambdaError } from '../runtime/protocol';
import type { DeployedFunction } from './DeployedFunction';
import { metricsFromEmf } from './emf';
import { endLine, initStartLine, logTail, reportLine, startLine } from './logLines';

/** One finished invocation, with what the Invoke API and the async path need beyond the outcome. */
export interface Invocation {
  requestId: string;
  outcome: InvokeOutcome;
  /** The response payload as Lambda returns it: the result's JSON, or the serialised error. */
  payloadJson: string;
  /** Set on a cold start: worker start plus module load, in ms. */
  initDurationMs?: number;
  /** Base64 of the last 4 KB of the invocation's log lines (for LogType: Tail). */
  logTail: string;
}

/** Lambda's largest synchronous response payload (6 MB). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** Writes an invocation's lines to its log group, keeps them for the tail, and turns EMF lines into metrics. */
function invocationLog(fn: DeployedFunction, ctx: LocalCloud, requestId: string) {
  const lines: string[] = [];
  return {
    lines,
    emit: (line: string) => {
      lines.push(line);
      ctx.logs.write(fn.spec.logGroup, line, { requestId, source: fn.spec.name });
      for (const datum of metricsFromEmf(line)) ctx.metrics.put(datum);
    },
  };
}

const putLambdaMetric = (ctx: LocalCloud, fn: DeployedFunction, name: string, value: number, unit: string) =>
  ctx.metrics.put({
    namespace: 'AWS/Lambda',
    name,
    dimensions: { FunctionName: fn.spec.name },
    value,
    unit,
    timestamp: new Date(),
  });

/**
 * Runs one invocation on a warm environment, or on a new one after its cold start, with Lambda's START / END /
 * REPORT lines and the AWS/Lambda metrics. `throttle` rejects with ConcurrencyLimitError when the function's
 * reserved concurrency is in use; `wait` queues for a free environment.
 */
export async function runInvocation(
  fn: DeployedFunction,
  ctx: LocalCloud,
  request: { requestId: string; payloadJson: string; mode: 'wait' | 'throttle' },
): Promise<Invocation> {
  let acquired: Acquired;
  try {
    acquired = await fn.pool.acquire(request.mode);
  } catch (error) {
    if (error instanceof ConcurrencyLimitError) {
      fn.stats.throttles += 1;
      putLambdaMetric(ctx, fn, 'Throttles', 1, 'Count');
    }
    throw error;
  }
  putLambdaMetric(ctx, fn, 'ConcurrentExecutions', fn.pool.busy, 'Count');
  try {
    return await runOn(acquired, fn, ctx, request);
  } finally {
    fn.pool.release(acquired.env);
  }
}

async function runOn(
  { env, coldStart: init }: Acquired,
  fn: DeployedFunction,
  ctx: LocalCloud,
  request: { requestId: string; payloadJson: string },
): Promise<Invocation> {
  const { requestId } = request;
  const log = invocationLog(fn, ctx, requestId);
  const coldStart = init !== undefined;
  // The cold start's lines are in the log already (they belong to no request); the tail shows them.
  if (init) log.lines.push(...init.lines);
  log.emit(startLine(requestId));
  const started = performance.now();
  const result: RunResult =
    init && !init.ok
      ? { status: 'error', error: init.error, memoryUsedMb: 0 }
      : await env.run(
          requestId,
          request.payloadJson,
          contextFields(fn, env, requestId),
          fn.spec.timeoutSeconds * 1000,
          log.emit,
        );
  // A timed-out invocation lasted its whole timeout, as its REPORT line says on AWS; Node's timer may fire a
  // fraction of a millisecond before `performance.now()` reaches it.
  const measuredMs = performance.now() - started;
  const durationMs =
    result.status === 'timeout' ? Math.max(measuredMs, fn.spec.timeoutSeconds * 1000) : measuredMs;
  if (init && !init.ok) {
    log.emit(`${new Date().toISOString()}\t${requestId}\tERROR\tInit Error \t${JSON.stringify(init.error)}`);
    void env.terminate();
  }
  const checked = limitResponseSize(result);
  log.emit(endLine(requestId));
  log.emit(
    reportLine({
      ...reportStatus(checked),
      requestId,
      durationMs,
      memoryMb: fn.spec.memoryMb,
      memoryUsedMb: checked.memoryUsedMb,
      initDurationMs: init?.initDurationMs,
    }),
  );
  recordStats(fn, ctx, checked, durationMs);
  return toInvocation(requestId, checked, {
    durationMs,
    coldStart,
    initDurationMs: init?.initDurationMs,
    lines: log.lines,
  });
}

/**
 * The cold start of a new environment of `fn` (queued behind the machine-wide InitGate): INIT_START, the
 * module load and what it printed, which go to the function's log group as lines of no request.
 */
export async function initialise(
  env: ExecutionEnvironment,
  fn: DeployedFunction,
  ctx: LocalCloud,
): Promise<ColdStart> {
  const lines: string[] = [];
  const emit = (line: string) => {
    lines.push(line);
    ctx.logs.write(fn.spec.logGroup, line, { source: fn.spec.name });
    for (const datum of metricsFromEmf(line)) ctx.metrics.put(datum);
  };
  fn.stats.coldStarts += 1;
  emit(initStartLine(fn.spec.runtime));
  const located = fn.locate();
  const init =
    'errorType' in located
      ? { ok: false as const, error: located, initDurationMs: 0 }
      : await (fn.initGate ? fn.initGate.run(() => env.init(located, emit)) : env.init(located, emit));
  fn.stats.lastInitDurationMs = init.initDurationMs;
  if (
    init.ok &&
    init.callbackStyle &&
    !fn.warnedCallbackStyle &&
    /^nodejs(2[4-9]|[3-9]\d)/.test(fn.spec.runtime)
  ) {
    fn.warnedCallbackStyle = true;
    ctx.log(
      `lambda: ${fn.spec.name} has a callback-style handler, which ${fn.spec.runtime} on AWS no longer supports`,
    );
  }
  return { ...init, lines };
}

const contextFields = (
  fn: DeployedFunction,
  env: ExecutionEnvironment,
  requestId: string,
): ContextFields => ({
  functionName: fn.spec.name,
  functionVersion: '$LATEST',
  invokedFunctionArn: fn.spec.arn,
  memoryLimitInMB: String(fn.spec.memoryMb),
  awsRequestId: requestId,
  logGroupName: fn.spec.logGroup,
  logStreamName: env.logStreamName,
  deadlineMs: Date.now() + fn.spec.timeoutSeconds * 1000,
});

function limitResponseSize(result: RunResult): RunResult {
  if (result.status !== 'success' || Buffer.byteLength(result.resultJson) <= MAX_RESPONSE_BYTES)
    return result;
  const errorMessage = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
  return {
    status: 'error',
    error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage },
    memoryUsedMb: result.memoryUsedMb,
  };
}

const reportStatus = (result: RunResult) =>
  result.status === 'success'
    ? {}
    : {
        status: result.status === 'timeout' ? ('timeout' as const) : ('error' as const),
        errorType: result.error.errorType,
      };

function recordStats(fn: DeployedFunction, ctx: LocalCloud, result: RunResult, durationMs: number): void {
  const failed = result.status !== 'success';
  fn.stats.invocations += 1;
  if (failed) fn.stats.errors += 1;
  putLambdaMetric(ctx, fn, 'Invocations', 1, 'Count');
  putLambdaMetric(ctx, fn, 'Errors', failed ? 1 : 0, 'Count');
  putLambdaMetric(ctx, fn, 'Duration', durationMs, 'Milliseconds');
}

const errorPayload = (error: LambdaError) =>
  JSON.stringify({
    errorType: error.errorType,
    errorMessage: error.errorMessage,
    ...(error.trace ? { trace: error.trace } : {}),
  });

function toInvocation(
  requestId: string,
  result: RunResult,
  meta: { durationMs: number; coldStart: boolean; initDurationMs?: number; lines: string[] },
): Invocation {
  const { durationMs, coldStart } = meta;
  const base = { requestId, initDurationMs: meta.initDurationMs, logTail: logTail(meta.lines) };
  if (result.status === 'success') {
    const outcome: InvokeOutcome = { ok: true, result: JSON.parse(result.resultJson), durationMs, coldStart };
    return { ...base, outcome, payloadJson: result.resultJson };
  }
  const { errorType, errorMessage, trace } = result.error;
  const outcome: InvokeOutcome = { ok: false, errorType, errorMessage, trace, durationMs, coldStart };
  return { ...base, outcome, payloadJson: errorPayload(result.error) };
}
