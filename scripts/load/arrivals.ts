/**
 * An open-loop arrival schedule: request n is due at `start + n / rate` whatever happened to the requests before
 * it, so a slow system cannot lower the offered rate (closed-loop tools wait for an answer before the next send,
 * and then measure their own back-off: coordinated omission). Latency is measured from the due time, not from the
 * moment the request left, so a late send counts against the system too.
 */
export interface ArrivalOptions {
  /** Requests per second offered. */
  rate: number;
  durationSeconds: number;
  /** Sends request number `index`, due at `dueAt` (performance.now() ms). */
  send: (index: number, dueAt: number) => void;
  /** The clock (performance.now by default); tests pass their own. */
  now?: () => number;
  /** Waits `ms` (setTimeout by default). */
  wait?: (ms: number) => Promise<void>;
}

/** The due times of a run: offset in ms from the start of request `index`. */
export const dueOffsetMs = (index: number, rate: number) => (index * 1000) / rate;

/** How many requests are due `elapsedMs` into the run (never more than the run holds). */
export function dueBy(elapsedMs: number, rate: number, durationSeconds: number): number {
  const total = Math.floor(rate * durationSeconds);
  return Math.min(total, Math.floor((elapsedMs * rate) / 1000) + 1);
}

/**
 * Runs the schedule: on every tick (a few ms) it sends every request now due, so timer jitter delays a send
 * by at most a tick and never drops one. Resolves once the last request was sent; returns how many were sent.
 */
export async function runArrivals(options: ArrivalOptions): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const total = Math.floor(options.rate * options.durationSeconds);
  const start = now();
  let sent = 0;
  while (sent < total) {
    const due = dueBy(now() - start, options.rate, options.durationSeconds);
    for (; sent < due; sent += 1) options.send(sent, start + dueOffsetMs(sent, options.rate));
    if (sent < total) await wait(Math.max(1, Math.min(5, start + dueOffsetMs(sent, options.rate) - now())));
  }
  return sent;
}
