import type { RetryPolicy } from './model';

/** AWS defaults: up to 185 retries, for up to 24 hours. */
export const DEFAULT_MAX_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 86_400;

/**
 * The backoff schedule. Delays are computed on AWS's time scale (exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, with jitter) and are what `MaximumEventAgeInSeconds` is measured against; the local cloud then
 * waits `delay × scale` of real time, so the whole 24-hour schedule plays out in about a minute and a half by default.
 */
export interface RetryTiming {
  baseDelayMs: number;
  maxDelayMs: number;
  scale: number;
  random: () => number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = {
  baseDelayMs: 1_000,
  maxDelayMs: 600_000,
  scale: 0.001,
  random: Math.random,
};

export type ExhaustedCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

export type RetryStep = { retryAfterMs: number } | { exhausted: ExhaustedCondition };

/** After `retriesDone` retries spanning `elapsedMs` (AWS time), when to try again, or which limit ran out. */
export function nextRetry(
  policy: RetryPolicy | undefined,
  retriesDone: number,
  elapsedMs: number,
  timing: RetryTiming,
): RetryStep {
  const maxAttempts = policy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRY_ATTEMPTS;
  const maxAgeMs = (policy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000;
  if (retriesDone >= maxAttempts) return { exhausted: 'MaximumRetryAttempts' };
  const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** retriesDone);
  const delay = ceiling / 2 + (timing.random() * ceiling) / 2;
  if (elapsedMs + delay > maxAgeMs) return { exhausted: 'MaximumEventAgeInSeconds' };
  return { retryAfterMs: delay };
}
