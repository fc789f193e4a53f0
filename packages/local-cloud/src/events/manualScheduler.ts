import type { Scheduler } from './clock';

/**
 * A scheduler that runs nothing until told to, for tests and for a CLI "fire now": retries and replays wait in
 * `pending` with the delay they asked for.
 */
export function manualScheduler() {
  const pending: { task: () => void; delayMs: number }[] = [];
  const delays: number[] = [];
  const schedule: Scheduler = (task, delayMs) => {
    pending.push({ task, delayMs });
    delays.push(delayMs);
  };
  /** Runs waiting tasks (and those they schedule) one by one, awaiting `settle` after each; returns how many ran. */
  async function runAll(settle: () => Promise<void> = async () => {}, limit = 10_000): Promise<number> {
    let ran = 0;
    await settle();
    while (pending.length > 0 && ran < limit) {
      pending.shift()?.task();
      ran++;
      await settle();
    }
    return ran;
  }
  return { schedule, pending, delays, runAll };
}
