import type { ExecutionEnvironment, InitResult } from './ExecutionEnvironment';

/** Thrown to callers still waiting for an environment when the pool stops. */
export class PoolStoppedError extends Error {
  constructor(readonly functionName: string) {
    super(`${functionName} was stopped`);
    this.name = 'PoolStoppedError';
  }
}

/** Thrown when a synchronous invocation finds the function's concurrency in use. */
export class ConcurrencyLimitError extends Error {
  constructor(
    readonly functionName: string,
    readonly limit: number,
    /** The limit is the function's ReservedConcurrentExecutions (else the local per-function concurrency). */
    readonly reserved = true,
  ) {
    super(
      `Rate Exceeded: ${functionName} is using all of its ${reserved ? 'reserved' : 'local'} concurrency (${limit})`,
    );
    this.name = 'ConcurrencyLimitError';
  }
}

/** A cold start's outcome, with the lines it printed (they belong to the invocation that waited for it). */
export type ColdStart = InitResult & { lines: string[] };

/** An environment to run one invocation on; `coldStart` is set when the caller waited for its initialisation. */
export interface Acquired {
  env: ExecutionEnvironment;
  coldStart?: ColdStart;
}

export interface PoolOptions {
  functionName: string;
  /**
   * The function's concurrency: invocations running or waiting for an environment at once, and the most
   * environments alive (the reserved concurrency, or the local default cap).
   */
  limit: number;
  /** The limit is the function's reserved concurrency (default true). */
  reserved?: boolean;
  /** An idle environment older than this is ended (Lambda reclaims idle environments too). */
  idleTimeoutMs: number;
  /** Environments of this function initialising at once (default 2): how fast the pool grows. */
  maxStarting?: number;
  create: () => ExecutionEnvironment;
  /** The cold start of a new environment (worker start and module load); a failed one leaves it dead. */
  initialise: (env: ExecutionEnvironment) => Promise<ColdStart>;
}

interface Waiter {
  resolve: (acquired: Acquired) => void;
  reject: (error: Error) => void;
}

/**
 * The execution environments of one function. A caller gets an idle warm environment (most recently used
 * first) or waits for whichever comes first: an environment released by another invocation, or one started
 * for the waiting callers. At most `maxStarting` start at once per function, and only while callers wait
 * for more environments than are starting: on one machine a cold start costs ~0.5–1 s of a shared core, and a
 * burst that started one environment per waiting caller (16 at once) starved the warm ones, so every call
 * waited seconds behind cold starts no caller needed. Lambda initialises environments ahead of invocations
 * too (proactive initialisation), so the invocation that runs on one may see no Init Duration.
 *
 * Concurrency is counted as Lambda counts it: the invocations running plus those waiting for an environment
 * (on AWS those are initialising theirs). `throttle` callers beyond the limit are refused at once;
 * `wait` callers queue.
 */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly idleTimers = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private readonly waiters: Waiter[] = [];
  private stopped = false;
  private readonly all = new Set<ExecutionEnvironment>();
  private starting = 0;
  busy = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Environments alive (idle, busy or initialising). */
  get alive(): number {
    return this.all.size;
  }

  /** Invocations waiting for an environment. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** An environment to run one invocation on; `throttle` rejects instead of waiting when the limit is reached. */
  async acquire(mode: 'wait' | 'throttle'): Promise<Acquired> {
    if (this.stopped) throw new PoolStoppedError(this.options.functionName);
    const env = this.takeIdle();
    if (env) {
      this.busy += 1;
      return { env };
    }
    if (mode === 'throttle' && this.busy + this.waiters.length >= this.options.limit)
      throw new ConcurrencyLimitError(
        this.options.functionName,
        this.options.limit,
        this.options.reserved ?? true,
      );
    const acquired = new Promise<Acquired>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.grow();
    return acquired;
  }

  /** Gives an environment back after an invocation; a dead one frees its place. */
  release(env: ExecutionEnvironment): void {
    this.busy -= 1;
    if (!env.alive) {
      this.all.delete(env);
      this.grow();
      return;
    }
    this.offer({ env });
  }

  /** Ends every environment, idle or busy (a busy one's invocation ends as a crash). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiters.splice(0))
      waiter.reject(new PoolStoppedError(this.options.functionName));
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.idle.splice(0);
    const ending = [...this.all].map((env) => env.terminate());
    this.all.clear();
    await Promise.all(ending);
  }

  /** Hands an environment to the first waiter, or parks it. */
  private offer(acquired: Acquired): void {
    const waiter = this.waiters.shift();
    if (!waiter) {
      this.park(acquired.env);
      return;
    }
    this.busy += 1;
    waiter.resolve(acquired);
  }

  /** Starts environments while callers wait for more than are starting, within the limits. */
  private grow(): void {
    const maxStarting = this.options.maxStarting ?? 2;
    while (
      !this.stopped &&
      this.waiters.length > this.starting &&
      this.starting < maxStarting &&
      this.all.size < this.options.limit
    )
      this.start();
  }

  private start(): void {
    const env = this.options.create();
    this.all.add(env);
    this.starting += 1;
    void this.options
      .initialise(env)
      .catch(
        (error: Error): ColdStart => ({
          ok: false,
          error: { errorType: 'Runtime.Unknown', errorMessage: error.message },
          initDurationMs: 0,
          lines: [],
        }),
      )
      .then((coldStart) => {
        this.starting -= 1;
        if (this.stopped) {
          void env.terminate();
          return;
        }
        // A failed cold start is reported by the invocation that waits for it, as Lambda reports an init
        // error; with nobody waiting the environment is just ended.
        if (!coldStart.ok && this.waiters.length === 0) {
          this.all.delete(env);
          void env.terminate();
        } else this.offer({ env, coldStart });
        this.grow();
      });
  }

  /** The most recently parked environment still alive (one may have crashed while idle). */
  private takeIdle(): ExecutionEnvironment | undefined {
    for (let env = this.idle.pop(); env; env = this.idle.pop()) {
      clearTimeout(this.idleTimers.get(env));
      this.idleTimers.delete(env);
      if (env.alive) return env;
      this.all.delete(env);
    }
    return undefined;
  }

  private park(env: ExecutionEnvironment): void {
    if (!env.alive) {
      this.all.delete(env);
      return;
    }
    this.idle.push(env);
    const timer = setTimeout(() => this.reclaim(env), this.options.idleTimeoutMs);
    timer.unref();
    this.idleTimers.set(env, timer);
  }

  private reclaim(env: ExecutionEnvironment): void {
    const index = this.idle.indexOf(env);
    if (index < 0) return;
    this.idle.splice(index, 1);
    this.idleTimers.delete(env);
    this.all.delete(env);
    void env.terminate();
  }
}
