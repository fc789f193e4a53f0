/** The figures bench:warm-cpu prints, from what its child process measured per batch (pure, unit-tested). */

/** One measured invocation, as bench/warmCpuChild.mjs reports it. */
export interface MeasuredBatch {
  /** CPU of the process during the invocation (user + system), in milliseconds. */
  cpuMs: number;
  wallMs: number;
  /** AWS calls the fake endpoint answered during the invocation. */
  calls: number;
  outcome: string;
}

/** The q-quantile (0 ≤ q ≤ 1) of `values`, interpolated linearly between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export interface Spread {
  median: number;
  p90: number;
}

const spread = (values: readonly number[]): Spread => ({
  median: quantile(values, 0.5),
  p90: quantile(values, 0.9),
});

export interface WarmCpuFigures {
  cpuPerRecordMs: Spread;
  cpuPerBatchMs: Spread;
  wallPerBatchMs: Spread;
  callsPerBatch: Spread;
  /** Each distinct outcome with how many batches had it (`0 failed record(s)` × 30). */
  outcomes: Map<string, number>;
}

/** Medians and 90th percentiles over the measured batches of `records` records each. */
export function warmCpuFigures(batches: readonly MeasuredBatch[], records: number): WarmCpuFigures {
  const outcomes = new Map<string, number>();
  for (const { outcome } of batches) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  return {
    cpuPerRecordMs: spread(batches.map((b) => b.cpuMs / records)),
    cpuPerBatchMs: spread(batches.map((b) => b.cpuMs)),
    wallPerBatchMs: spread(batches.map((b) => b.wallMs)),
    callsPerBatch: spread(batches.map((b) => b.calls)),
    outcomes,
  };
}
