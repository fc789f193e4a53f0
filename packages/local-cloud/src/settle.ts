import { setTimeout as sleep } from 'node:timers/promises';
import type { Settles } from './core/activity';

export interface SettleOptions {
  /** Gives up (rejecting with NotSettledError) after this long; default 60 s. */
  timeoutMs?: number;
  /** Pause before looking again while work waits for its time (a visibility timeout, a retry); default 10 ms. */
  pollMs?: number;
}

/** What `settle` found: how many passes it took and how long. */
export interface SettleReport {
  passes: number;
  elapsedMs: number;
}

/** Thrown when work is still in hand after the timeout; `busy` says what. */
export class NotSettledError extends Error {
  constructor(
    readonly busy: string[],
    timeoutMs: number,
  ) {
    super(
      `The local cloud did not settle within ${timeoutMs} ms; still in hand: ${busy.join('; ') || 'work that kept moving'}`,
    );
    this.name = 'NotSettledError';
  }
}

const movesOf = (parts: Settles[]) => parts.reduce((sum, part) => sum + part.activity().moves, 0);

/**
 * Waits for the fix point of the engines' asynchronous work: one engine's work makes another's (a write makes a
 * stream record, the relay puts an event on the bus, the rule sends it to a queue, a function consumes it…),
 * so it passes over every engine, letting each finish what it holds, until one whole pass finds every engine
 * idle and nothing started or ended during it.
 *
 * @example await settle([engines.dynamodb.engine, engines.lambda, engines.sqs, engines.sns, engines.events, engines.sfn]);
 */
export async function settle(parts: Settles[], options: SettleOptions = {}): Promise<SettleReport> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 10;
  const started = performance.now();
  const busyNow = () => parts.flatMap((part) => part.activity().busy);
  for (let passes = 1; ; passes += 1) {
    const before = movesOf(parts);
    // An engine may hold work that never ends (an execution waiting for days, a batch retried for ever).
    const left = Math.max(0, timeoutMs - (performance.now() - started));
    const timer = new AbortController();
    const finished = await Promise.race([
      Promise.all(parts.map((part) => part.settled())).then(() => true),
      sleep(left, false, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    if (!finished) throw new NotSettledError(busyNow(), timeoutMs);
    const busy = busyNow();
    if (busy.length === 0 && movesOf(parts) === before)
      return { passes, elapsedMs: Math.round(performance.now() - started) };
    if (performance.now() - started > timeoutMs) throw new NotSettledError(busy, timeoutMs);
    if (busy.length > 0) await sleep(pollMs);
  }
}
