/**
 * What one engine has in hand, for `settled()` of the local cloud: the fix point "every engine idle and
 * nothing moved during a whole pass" is only as good as these answers, so they state facts (promises not yet
 * settled, messages not yet consumed, records not yet read), never guesses from quiet periods.
 */
export interface Activity {
  /** The work in hand right now, one line each (empty when idle). Synchronous: a pass sees one moment. */
  busy: string[];
  /** Grows whenever work starts or ends; the same number before and after a pass means nothing moved. */
  moves: number;
}

/** An engine whose asynchronous work `settled()` of the local cloud waits for. */
export interface Settles {
  activity(): Activity;
  /** Resolves once the work in hand now is done (not the work it causes in other engines). */
  settled(): Promise<void>;
}
