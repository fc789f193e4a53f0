import type { FunctionPool } from '../runtime/FunctionPool';
import type { InitGate } from '../runtime/InitGate';
import type { LambdaError } from '../runtime/protocol';
import type { FunctionSpec } from '../spec/FunctionSpec';
import type { HandlerModule } from '../spec/handlerModule';

/** Counters the CLI shows per function. */
export interface FunctionStats {
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  lastInitDurationMs?: number;
}

/** A function the engine runs: its spec, its pool of execution environments and its counters. */
export interface DeployedFunction {
  spec: FunctionSpec;
  pool: FunctionPool;
  stats: FunctionStats;
  /** Shared by every function: how many cold starts may run at once. */
  initGate?: InitGate;
  /** Where its handler is, or why it cannot start (checked at each cold start: the bundle may change). */
  locate(): HandlerModule | LambdaError;
  /** Set once the callback-style-on-nodejs24 warning has been printed. */
  warnedCallbackStyle?: boolean;
}
