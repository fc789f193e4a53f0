import type { ExecutionEnvironment } from './ExecutionEnvironment';

/** Thrown to callers still waiting for an environment when the pool stops. */
export class PoolStoppedError extends Error {
  constructor(readonly functionName: string) {
    super(`${functionName} was stopped`);
    this.name = 'PoolStoppedError';
  }
}

/** Thrown when a synchronous invocation finds the function's reserved concurrency in use. */
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

export interface PoolOptions {
  functionName: string;
  /** Most environments alive at once: the reserved concurrency, or the local default cap. */
  limit: number;
  /** The limit is the function's reserved concurrency (default true). */
  reserved?: boolean;
  /** An idle environment older than this is ended (Lambda reclaims idle environments too). */
  idleTimeoutMs: number;
  create: () => ExecutionEnvironment;
}

/**
 * The execution environments of one function: reuses a warm idle one (most recently used first), starts a new
 * one below the limit, and beyond it makes the caller wait or throttles it.
 */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly idleTimers = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private readonly waiters: {
    resolve: (env: ExecutionEnvironment) => void;
    reject: (error: Error) => void;
  }[] = [];
  private stopped = false;
  private readonly all = new Set<ExecutionEnvironment>();
  busy = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Environments alive (idle or busy). */
  get alive(): number {
    return this.all.size;
  }

  /** An environment to run one invocation on; `throttle` rejects instead of waiting when the limit is reached. */
  async acquire(mode: 'wait' | 'throttle'): Promise<ExecutionEnvironment> {
    if (this.stopped) throw new PoolStoppedError(this.options.functionName);
    const env = this.takeIdle() ?? this.startBelowLimit();
    if (env) {
      this.busy += 1;
      return env;
    }
    if (mode === 'throttle')
      throw new ConcurrencyLimitError(
        this.options.functionName,
        this.options.limit,
        this.options.reserved ?? true,
      );
    const handedOver = await new Promise<ExecutionEnvironment>((resolve, reject) =>
      this.waiters.push({ resolve, reject }),
    );
    this.busy += 1;
    return handedOver;
  }

  /** Gives an environment back after an invocation; a dead one frees its place. */
  release(env: ExecutionEnvironment): void {
    this.busy -= 1;
    if (!env.alive) {
      this.all.delete(env);
      if (this.waiters.length === 0) return;
      const replacement = this.startBelowLimit();
      if (replacement) this.waiters.shift()?.resolve(replacement);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(env);
    else this.park(env);
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

  private startBelowLimit(): ExecutionEnvironment | undefined {
    if (this.stopped || this.all.size >= this.options.limit) return undefined;
    const env = this.options.create();
    this.all.add(env);
    return env;
  }

  private park(env: ExecutionEnvironment): void {
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
