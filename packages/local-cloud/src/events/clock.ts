/** Time as the bus sees it, injectable so retries and replays run instantly in tests. */

/** Runs `task` after `delayMs`; the default is an unref'd `setTimeout`, so pending retries never hold the process. */
export type Scheduler = (task: () => void, delayMs: number) => void;

export const timerScheduler: Scheduler = (task, delayMs) => {
  setTimeout(task, delayMs).unref();
};

/** An event `time`: ISO 8601 to the second, as EventBridge writes it (`2015-11-11T21:29:54Z`). */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
