import { Worker } from 'node:worker_threads';
import type { HandlerModule } from '../spec/handlerModule';
import { LineSplitter } from './lineSplitter';
import { type ContextFields, type LambdaError, SENTINEL, type WorkerMessage } from './protocol';

/** How to start one execution environment of a function. */
export interface EnvironmentOptions {
  /** The Handler setting, for error messages. */
  handler: string;
  /** This environment's log stream (also in its AWS_LAMBDA_LOG_STREAM_NAME). */
  logStreamName: string;
  env: Record<string, string>;
  memoryMb: number;
  initTimeoutMs: number;
  /** Receives lines printed while no invocation is running (between invocations, or after a timeout). */
  onStrayLine: (line: string) => void;
}

export type InitResult =
  | { ok: true; initDurationMs: number; callbackStyle: boolean }
  | { ok: false; error: LambdaError; initDurationMs: number };

export type RunResult = { memoryUsedMb: number } & (
  | { status: 'success'; resultJson: string }
  | { status: 'error' | 'timeout' | 'crashed'; error: LambdaError }
);

type LineSink = (line: string) => void;

interface Pending {
  id: string;
  result?: RunResult;
  sentinels: Set<'stdout' | 'stderr'>;
  resolve: (result: RunResult) => void;
  timers: NodeJS.Timeout[];
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);
/** How long a finished invocation waits for its sentinel lines before completing anyway. */
const SENTINEL_GRACE_MS = 1_000;

/**
 * One Lambda execution environment: a worker thread with its own `process.env`, heap limit and module graph,
 * running one invocation at a time and reused while it stays healthy. A timeout or a crash ends it.
 */
export class ExecutionEnvironment {
  /** Invocations this environment has run (0 until the first one: it is cold). */
  invocations = 0;
  private worker?: Worker;
  private sink: LineSink;
  private pending?: Pending;
  private crash?: Error;
  private initWaiter?: (result: InitResult) => void;
  private dead = false;

  constructor(private readonly options: EnvironmentOptions) {
    this.sink = options.onStrayLine;
  }

  get logStreamName(): string {
    return this.options.logStreamName;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Starts the worker and loads the handler's module (the cold start); lines printed meanwhile go to `sink`. */
  init(module: HandlerModule, sink: LineSink): Promise<InitResult> {
    const started = performance.now();
    this.sink = sink;
    const elapsed = () => performance.now() - started;
    return new Promise<InitResult>((resolve) => {
      const timer = setTimeout(() => {
        this.terminate();
        const message = `INIT timed out after ${(this.options.initTimeoutMs / 1000).toFixed(2)} seconds`;
        finish({
          ok: false,
          error: { errorType: 'Sandbox.Timedout', errorMessage: message },
          initDurationMs: elapsed(),
        });
      }, this.options.initTimeoutMs);
      const finish = (result: InitResult) => {
        clearTimeout(timer);
        this.initWaiter = undefined;
        this.sink = this.options.onStrayLine;
        resolve({ ...result, initDurationMs: elapsed() });
      };
      this.initWaiter = finish;
      this.worker = this.spawn(module);
    });
  }

  /** Runs one invocation; resolves with its result, a timeout, or the crash that ended the environment. */
  run(
    id: string,
    eventJson: string,
    context: ContextFields,
    timeoutMs: number,
    sink: LineSink,
  ): Promise<RunResult> {
    this.invocations += 1;
    this.sink = sink;
    return new Promise<RunResult>((resolve) => {
      const pending: Pending = { id, sentinels: new Set(), resolve, timers: [] };
      this.pending = pending;
      pending.timers.push(setTimeout(() => this.timeOut(pending, timeoutMs), timeoutMs));
      this.worker?.postMessage({ type: 'invoke', id, eventJson, context });
    });
  }

  /** Ends the environment; an invocation still running is answered by whoever ended it. */
  terminate(): Promise<number> {
    this.dead = true;
    return this.worker?.terminate() ?? Promise.resolve(0);
  }

  private spawn(module: HandlerModule): Worker {
    const { handler, env, memoryMb } = this.options;
    const worker = new Worker(WORKER_URL, {
      workerData: { ...module, handler },
      env,
      // A clean runtime: no TypeScript loader or test flags of the host process (Lambda has none).
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    this.pipe(worker.stdout, 'stdout');
    this.pipe(worker.stderr, 'stderr');
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => {
      this.crash = error;
    });
    worker.on('exit', (code) => this.onExit(code));
    return worker;
  }

  private pipe(stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr'): void {
    const splitter = new LineSplitter((line) => this.onLine(line, name));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => splitter.push(chunk));
    stream.on('end', () => splitter.flush());
  }

  private onLine(line: string, stream: 'stdout' | 'stderr'): void {
    if (!line.startsWith(SENTINEL)) {
      this.sink(line);
      return;
    }
    const pending = this.pending;
    if (pending && line.slice(SENTINEL.length) === pending.id) {
      pending.sentinels.add(stream);
      this.settleIfFlushed(pending);
    }
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'ready') {
      this.initWaiter?.({
        ok: true,
        initDurationMs: message.initDurationMs,
        callbackStyle: message.callbackStyle,
      });
    } else if (message.type === 'initError')
      this.initWaiter?.({ ok: false, error: message.error, initDurationMs: 0 });
    else if (this.pending?.id === message.id) {
      const pending = this.pending;
      pending.result = message.ok
        ? { status: 'success', resultJson: message.resultJson, memoryUsedMb: message.memoryUsedMb }
        : { status: 'error', error: message.error, memoryUsedMb: message.memoryUsedMb };
      pending.timers.push(setTimeout(() => this.settle(pending, pending.result!), SENTINEL_GRACE_MS));
      this.settleIfFlushed(pending);
    }
  }

  private settleIfFlushed(pending: Pending): void {
    if (pending.result && pending.sentinels.size === 2) this.settle(pending, pending.result);
  }

  private settle(pending: Pending, result: RunResult): void {
    if (this.pending !== pending) return;
    for (const timer of pending.timers) clearTimeout(timer);
    this.pending = undefined;
    this.sink = this.options.onStrayLine;
    pending.resolve(result);
  }

  private timeOut(pending: Pending, timeoutMs: number): void {
    void this.terminate();
    const seconds = (timeoutMs / 1000).toFixed(2);
    this.sink(`${new Date().toISOString()} ${pending.id} Task timed out after ${seconds} seconds`);
    const error = {
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${pending.id} Error: Task timed out after ${seconds} seconds`,
    };
    this.settle(pending, { status: 'timeout', error, memoryUsedMb: this.options.memoryMb });
  }

  private onExit(code: number): void {
    this.dead = true;
    const error = this.exitError(code);
    this.initWaiter?.({ ok: false, error, initDurationMs: 0 });
    const pending = this.pending;
    if (!pending) return;
    const memoryUsedMb = this.outOfMemory() ? this.options.memoryMb : 0;
    this.settle(
      pending,
      pending.result ?? { status: 'crashed', error: this.exitError(code, pending.id), memoryUsedMb },
    );
  }

  private outOfMemory(): boolean {
    return (this.crash as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  }

  private exitError(code: number, requestId?: string): LambdaError {
    const prefix = requestId ? `RequestId: ${requestId} ` : '';
    if (this.outOfMemory()) {
      return {
        errorType: 'Runtime.OutOfMemory',
        errorMessage: `${prefix}Error: Runtime exited with error: signal: killed`,
      };
    }
    return {
      errorType: 'Runtime.ExitError',
      errorMessage: `${prefix}Error: Runtime exited with error: exit status ${code}`,
    };
  }
}
