import type { RequestTiming } from './apiHandler';

/** Summary of the local API layer's own time per request, in milliseconds. */
export interface OverheadStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const CAPACITY = 10_000;

/** The overheads of the last 10,000 requests. */
export class TimingLog {
  private readonly overheads: number[] = [];

  add(timing: RequestTiming): void {
    if (this.overheads.length === CAPACITY) this.overheads.shift();
    this.overheads.push(timing.overheadMs);
  }

  summary(): OverheadStats {
    const sorted = [...this.overheads].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const total = sorted.reduce((sum, value) => sum + value, 0);
    return {
      count: sorted.length,
      meanMs: sorted.length === 0 ? 0 : total / sorted.length,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      p99Ms: at(0.99),
      maxMs: sorted.at(-1) ?? 0,
    };
  }
}
