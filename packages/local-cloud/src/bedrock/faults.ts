/** Fault injection for the local model; counters are consumed one per call, in the order below. */
export interface FaultSettings {
  /** Every call fails with a 500 InternalServerException. */
  failAlways?: boolean;
  /** The next N calls are throttled (429 ThrottlingException). */
  throttleNext?: number;
  /** The next N calls answer only after `timeoutMs` + 250 ms. */
  timeoutNext?: number;
  /** The delay a timed-out call exceeds (default 60 000 ms). */
  timeoutMs?: number;
  /** The next N answers are malformed: tool input that violates its schema, or text that is not JSON. */
  malformedNext?: number;
}

export type Fault =
  | { kind: 'fail' }
  | { kind: 'throttle' }
  | { kind: 'timeout'; delayMs: number }
  | { kind: 'malformed' };

/** How much later than `timeoutMs` a timed-out answer comes. */
export const TIMEOUT_MARGIN_MS = 250;

/** Parses `SPENDWISE_LOCAL_MODEL_FAULTS` (JSON); throws a clear error on anything else. */
export function faultsFromEnv(value: string | undefined): FaultSettings {
  if (!value?.trim()) return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as FaultSettings;
  } catch {
    // reported below
  }
  throw new Error(
    `SPENDWISE_LOCAL_MODEL_FAULTS must be a JSON object, e.g. {"throttleNext":3}; got: ${value}`,
  );
}

/**
 * The fault switches of the local model.
 * @example model.faults.set({ throttleNext: 3 }); // three ThrottlingExceptions, then answers again
 */
export class FaultSwitches {
  private settings: FaultSettings = {};

  constructor(initial: FaultSettings = {}) {
    this.set(initial);
  }

  /** Merges switches into the current ones. */
  set(settings: FaultSettings): void {
    this.settings = { ...this.settings, ...settings };
  }

  clear(): void {
    this.settings = {};
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  /** The fault for this call, if any, consuming one count. */
  next(): Fault | undefined {
    const s = this.settings;
    if (s.failAlways) return { kind: 'fail' };
    if (this.take('throttleNext')) return { kind: 'throttle' };
    if (this.take('timeoutNext'))
      return { kind: 'timeout', delayMs: (s.timeoutMs ?? 60_000) + TIMEOUT_MARGIN_MS };
    if (this.take('malformedNext')) return { kind: 'malformed' };
    return undefined;
  }

  private take(key: 'throttleNext' | 'timeoutNext' | 'malformedNext'): boolean {
    const left = this.settings[key] ?? 0;
    if (left <= 0) return false;
    this.settings[key] = left - 1;
    return true;
  }
}
