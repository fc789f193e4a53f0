import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Activity, Settles } from '../core/activity';
import { arnOf } from '../core/arn';
import type { LocalCloud } from '../core/context';
import { AwsApiError } from '../core/errors';
import type { InvokeOptions, InvokeOutcome, LambdaPort } from '../core/ports';
import type { AwsApi } from '../core/protocol';
import type { ResourceProvider } from '../core/resources';
import { lambdaInvokeApi } from './api/invokeApi';
import { AsyncInvoker, type PendingAsyncEvents } from './async/AsyncInvoker';
import { functionNameOf } from './functionRef';
import type { DeployedFunction } from './invoke/DeployedFunction';
import { type Invocation, initialise, runInvocation } from './invoke/runInvocation';
import { lambdaProviders } from './providers/lambdaProviders';
import { ExecutionEnvironment } from './runtime/ExecutionEnvironment';
import { ConcurrencyLimitError, FunctionPool } from './runtime/FunctionPool';
import { InitGate } from './runtime/InitGate';
import type { LambdaError } from './runtime/protocol';
import { DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfig, type FunctionSpec } from './spec/FunctionSpec';
import { type HandlerModule, resolveHandler } from './spec/handlerModule';
import { lambdaEnvironment, newLogStreamName } from './spec/lambdaEnvironment';

export interface LambdaEngineOptions {
  /**
   * Execution environments per function without ReservedConcurrentExecutions (default
   * `defaultLocalConcurrency()`). It guards the machine, as the account's unreserved concurrency guards an AWS
   * account: a synchronous call from the Invoke API or an HTTP API beyond it is throttled (429), an event
   * source's or service's call waits for a free environment (see InvokeOptions.whenBusy).
   */
  defaultConcurrency?: number;
  /** Waits before the async retries (default 1 s then 2 s; Lambda waits 1 then 2 minutes). */
  asyncRetryDelaysMs?: number[];
  /** Longest a cold start may take to load the handler's module (default 10 s, Lambda's init limit). */
  initTimeoutMs?: number;
  /** An environment idle this long is ended (default 15 minutes). */
  idleTimeoutMs?: number;
  /** Keeps asynchronous events not finished (queued, or waiting for a retry) across a crash; absent: in memory. */
  pending?: PendingAsyncEvents;
}

/** One line of `functions()`, for the CLI. */
export interface FunctionSummary {
  name: string;
  arn: string;
  stack: string;
  runtime: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Execution environments alive (warm), and how many of them are running an invocation. */
  warm: number;
  busy: number;
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  lastInitDurationMs?: number;
}

/**
 * The local Lambda service: runs each function's packaged bundle in worker-thread execution environments
 * (own env, heap limit, timeout, concurrency, cold and warm starts), synchronously or through the
 * asynchronous queue with retries, destinations and dead-letter queues.
 *
 * @example
 * const lambda = new LambdaEngine(cloud);
 * cloud.lambda = lambda;
 * const outcome = await lambda.invoke('spendwise-expenses-dev-getExpense', event);
 */
export class LambdaEngine implements LambdaPort, Settles {
  private readonly deployed = new Map<string, DeployedFunction>();
  private readonly invokeConfigs = new Map<string, EventInvokeConfig>();
  /** RetentionInDays of each AWS::Logs::LogGroup (logs are kept locally whatever it says). */
  readonly logRetention = new Map<string, number | undefined>();
  private readonly asyncInvoker: AsyncInvoker;
  private readonly settings: Required<Omit<LambdaEngineOptions, 'pending'>>;
  /** Synchronous invocations running (or waiting for an environment), and starts + ends so far. */
  private readonly running = new Set<Promise<unknown>>();
  private moves = 0;
  /** Cold starts at once across every function: one per core (at least 2). */
  private readonly initGate = new InitGate();

  constructor(
    private readonly ctx: LocalCloud,
    options: LambdaEngineOptions = {},
  ) {
    this.settings = {
      defaultConcurrency: options.defaultConcurrency ?? defaultLocalConcurrency(),
      asyncRetryDelaysMs: options.asyncRetryDelaysMs ?? [1_000, 2_000],
      initTimeoutMs: options.initTimeoutMs ?? 10_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 15 * 60_000,
    };
    this.asyncInvoker = new AsyncInvoker({
      ctx,
      run: (fn, requestId, payloadJson) =>
        runInvocation(fn, this.ctx, { requestId, payloadJson, mode: 'wait' }),
      eventInvokeConfig: (fn) => this.invokeConfigs.get(fn.spec.name) ?? DEFAULT_EVENT_INVOKE_CONFIG,
      retryDelaysMs: this.settings.asyncRetryDelaysMs,
      ...(options.pending ? { pending: options.pending } : {}),
    });
  }

  /** The CloudFormation resource providers of this engine (Function, EventInvokeConfig, Permission, …). */
  providers(): ResourceProvider[] {
    return lambdaProviders(this, this.logRetention);
  }

  /** The Invoke API for the shared endpoint. */
  api(): AwsApi {
    return lambdaInvokeApi(this);
  }

  /** Makes a function invocable, its bundle already extracted in `spec.codeDir`; replaces one of the same name. */
  deploy(spec: FunctionSpec): void {
    const previous = this.deployed.get(spec.name);
    if (previous) void previous.pool.stop();
    this.deployed.set(spec.name, this.deployedFunction(spec));
  }

  /**
   * Changes a deployed function's environment variables, as UpdateFunctionConfiguration does: new execution
   * environments start with them (the running ones are ended, as Lambda replaces them after an update).
   */
  updateEnvironment(functionRef: string, variables: Record<string, string>): void {
    const fn = this.lookup(functionRef);
    this.deploy({ ...fn.spec, variables: { ...fn.spec.variables, ...variables } });
  }

  /** Sets how a function's asynchronous invocations are retried and where their records go. */
  setEventInvokeConfig(functionRef: string, config: EventInvokeConfig): void {
    this.invokeConfigs.set(functionNameOf(functionRef), config);
  }

  has(functionRef: string): boolean {
    return this.deployed.has(functionNameOf(functionRef));
  }

  /**
   * Runs a function. Rejects with AwsApiError ResourceNotFoundException (404) for an unknown function and
   * TooManyRequestsException (429) when its reserved concurrency is in use.
   */
  async invoke(functionRef: string, payload: unknown, options: InvokeOptions = {}): Promise<InvokeOutcome> {
    const payloadJson = JSON.stringify(payload === undefined ? {} : payload);
    if (options.async) {
      this.enqueue(functionRef, payloadJson);
      return { ok: true, result: undefined, durationMs: 0, coldStart: false };
    }
    return (await this.run(functionRef, payloadJson, options.whenBusy ?? 'wait')).outcome;
  }

  /**
   * A synchronous (RequestResponse) invocation with everything the Invoke API answers with. With every
   * environment busy it throttles (`whenBusy: 'throttle'`, the Invoke API's behaviour) or waits for one; a
   * function's reserved concurrency in use always throttles.
   */
  async run(
    functionRef: string,
    payloadJson: string,
    whenBusy: 'wait' | 'throttle' = 'throttle',
  ): Promise<Invocation> {
    const fn = this.lookup(functionRef);
    try {
      const mode = fn.spec.reservedConcurrency === undefined ? whenBusy : 'throttle';
      return await this.track(runInvocation(fn, this.ctx, { requestId: randomUUID(), payloadJson, mode }));
    } catch (error) {
      if (error instanceof ConcurrencyLimitError) throw throttled(error);
      throw error;
    }
  }

  /** An asynchronous (Event) invocation: queued, answered at once with its request id. */
  enqueue(functionRef: string, payloadJson: string): string {
    return this.asyncInvoker.enqueue(this.lookup(functionRef), payloadJson);
  }

  /** The deployed functions with their environments and counters. */
  functions(): FunctionSummary[] {
    return [...this.deployed.values()].map(({ spec, pool, stats }) => ({
      name: spec.name,
      arn: spec.arn,
      stack: spec.stack,
      runtime: spec.runtime,
      memoryMb: spec.memoryMb,
      timeoutSeconds: spec.timeoutSeconds,
      warm: pool.alive,
      busy: pool.busy,
      ...stats,
    }));
  }

  /**
   * Resolves once every invocation running now is done: synchronous ones, and every queued asynchronous one
   * with its retries and deliveries.
   */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await this.asyncInvoker.settled();
  }

  /** The invocations in hand: running synchronous ones and queued asynchronous events. */
  activity(): Activity {
    const queued = this.asyncInvoker.activity();
    const busy = this.running.size > 0 ? [`lambda: ${this.running.size} invocation(s) running`] : [];
    return { busy: [...busy, ...queued.busy], moves: this.moves + queued.moves };
  }

  /**
   * After a restart's deployment: takes up the asynchronous events a crash interrupted (queued or waiting for a
   * retry); returns how many.
   */
  resume(): number {
    return this.asyncInvoker.resume((name) => this.deployed.get(name));
  }

  /** Drops pending async retries (kept on disk when persistent) and ends every execution environment. */
  async stop(): Promise<void> {
    this.asyncInvoker.stop();
    await Promise.all([...this.deployed.values()].map((fn) => fn.pool.stop()));
  }

  private track<T>(invocation: Promise<T>): Promise<T> {
    this.moves += 1;
    this.running.add(invocation);
    const done = () => {
      this.running.delete(invocation);
      this.moves += 1;
    };
    invocation.then(done, done);
    return invocation;
  }

  private lookup(functionRef: string): DeployedFunction {
    const fn = this.deployed.get(functionNameOf(functionRef));
    if (fn) return fn;
    const arn = arnOf(this.ctx.config, 'lambda', `function:${functionNameOf(functionRef)}`);
    throw new AwsApiError(404, 'ResourceNotFoundException', `Function not found: ${arn}`);
  }

  private deployedFunction(spec: FunctionSpec): DeployedFunction {
    const create = () => {
      const logStreamName = newLogStreamName();
      return new ExecutionEnvironment({
        handler: spec.handler,
        logStreamName,
        env: lambdaEnvironment(spec, this.ctx.config, logStreamName),
        memoryMb: spec.memoryMb,
        initTimeoutMs: this.settings.initTimeoutMs,
        onStrayLine: (line) => this.ctx.logs.write(spec.logGroup, line, { source: spec.name }),
      });
    };
    const pool = new FunctionPool({
      functionName: spec.name,
      limit: spec.reservedConcurrency ?? this.settings.defaultConcurrency,
      reserved: spec.reservedConcurrency !== undefined,
      idleTimeoutMs: this.settings.idleTimeoutMs,
      create,
      initialise: (env) => initialise(env, deployed, this.ctx),
    });
    const stats = { invocations: 0, errors: 0, throttles: 0, coldStarts: 0 };
    const deployed: DeployedFunction = {
      spec,
      pool,
      stats,
      initGate: this.initGate,
      locate: () => locateHandler(spec),
    };
    return deployed;
  }
}

/**
 * Execution environments per function without reserved concurrency: 8 per core, at least 10 (16 on the
 * project's 2-core machines). The functions mostly wait on DynamoDB, so a function needs about
 * throughput × duration copies (140 POST /expenses per second × ~100 ms = 14); more copies than that only add cold starts
 * and worker memory (~40 MB each) on a machine whose cores are already busy. SPENDWISE_LAMBDA_CONCURRENCY
 * overrides it.
 */
export function defaultLocalConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.SPENDWISE_LAMBDA_CONCURRENCY);
  if (Number.isInteger(configured) && configured > 0) return configured;
  return Math.max(10, availableParallelism() * 8);
}

/**
 * Lambda's throttle answer: 429 TooManyRequestsException, "Rate Exceeded.", with the Reason telling a reserved
 * concurrency from the account's (here: the local per-function concurrency).
 */
function throttled(error: ConcurrencyLimitError): AwsApiError {
  return new AwsApiError(
    429,
    'TooManyRequestsException',
    'Rate Exceeded.',
    {},
    {
      Reason: error.reserved
        ? 'ReservedFunctionConcurrentInvocationLimitExceeded'
        : 'ConcurrentInvocationLimitExceeded',
      Type: 'User',
    },
  );
}

/** Where the handler is, or the error Lambda's runtime gives when it cannot be loaded. */
function locateHandler(spec: FunctionSpec): HandlerModule | LambdaError {
  if (!/^nodejs\d+\.x$/.test(spec.runtime)) {
    return {
      errorType: 'Runtime.InvalidRuntime',
      errorMessage: `${spec.runtime} does not run on the local cloud`,
    };
  }
  try {
    return resolveHandler(spec.codeDir, spec.handler);
  } catch (error) {
    return { errorType: 'Runtime.ImportModuleError', errorMessage: (error as Error).message };
  }
}
