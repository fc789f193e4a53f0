/**
 * EventBridge and SNS both match with AWS's event-ruler, but each service exposes a different slice of it.
 * A dialect records those differences so one matcher and one validator serve both.
 */
export interface Dialect {
  /** Service name, for messages. */
  readonly name: 'EventBridge' | 'SNS';
  /** `wildcard` and `anything-but` wildcard / equals-ignore-case exist in EventBridge only. */
  readonly wildcard: boolean;
  /** `prefix`/`suffix` with a nested `equals-ignore-case` exist in EventBridge only. */
  readonly ignoreCaseAffixes: boolean;
  /** Largest magnitude a numeric match can use (EventBridge ±5.0e9 per event-ruler, SNS ±1.0e9). */
  readonly numericLimit: number;
  /** Digits kept to the right of the decimal point when numbers are compared (EventBridge 6, SNS 5). */
  readonly decimals: number;
}

/**
 * EventBridge: event-ruler README ("Numeric matching is limited to value between -5.0e9 and +5.0e9 inclusive,
 * with 15 digits of precision, that is to say 6 digits to the right of the decimal point").
 */
export const EVENTBRIDGE: Dialect = {
  name: 'EventBridge',
  wildcard: true,
  ignoreCaseAffixes: true,
  numericLimit: 5e9,
  decimals: 6,
};

/**
 * SNS: "Filter policy constraints" ("the value can range from -10^9 to 10^9, with five digits of accuracy
 * after the decimal point"); SNS documents no `wildcard` operator.
 */
export const SNS: Dialect = {
  name: 'SNS',
  wildcard: false,
  ignoreCaseAffixes: false,
  numericLimit: 1e9,
  decimals: 5,
};
