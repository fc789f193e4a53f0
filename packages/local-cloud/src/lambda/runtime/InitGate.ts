import { availableParallelism } from 'node:os';

/**
 * Lets at most `limit` cold starts (worker start + handler module load) run at once across every function.
 * On AWS each execution environment initialises on its own CPU; locally they share the machine's cores, and a
 * burst that starts dozens of workers at once made every one of them slower than Lambda's 10 s INIT limit
 * (577 `Sandbox.Timedout` at 50 requests/s on 2 cores): each failed environment is ended, the next call starts
 * another, and the storm feeds itself. Queued cold starts wait here, before their INIT clock starts.
 */
export class InitGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number = Math.max(2, availableParallelism())) {}

  /** Cold starts running now, and waiting for a turn. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  async run<T>(init: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running += 1;
    try {
      return await init();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next cold start, so `running` never exceeds the limit.
      if (next) next();
      else this.running -= 1;
    }
  }
}
