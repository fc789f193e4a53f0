import type { AlarmDefinition, Comparison } from './alarmDefinition';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** One evaluation period: its start and its value (undefined when there was no data). */
export interface PeriodValue {
  start: Date;
  value: number | undefined;
}

export interface Verdict {
  state: AlarmState;
  reason: string;
}

const PHRASES: Record<Comparison, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export const breaches = (comparison: Comparison, value: number, threshold: number): boolean => {
  if (comparison === 'GreaterThanThreshold') return value > threshold;
  if (comparison === 'GreaterThanOrEqualToThreshold') return value >= threshold;
  if (comparison === 'LessThanThreshold') return value < threshold;
  return value <= threshold;
};

/** `5.0`, `0.25`: CloudWatch prints whole numbers with one decimal. */
export const formatNumber = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

const pad = (n: number) => String(n).padStart(2, '0');
/** `dd/MM/yy HH:mm:ss` in UTC, as in CloudWatch state reasons. */
const formatStamp = (d: Date) =>
  `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ` +
  `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function allMissing(definition: AlarmDefinition, n: number): Verdict | undefined {
  const treated = (as: string) =>
    `Threshold Crossed: no datapoints were received for ${plural(n, 'period')} and ${plural(n, 'missing datapoint')} ${n === 1 ? 'was' : 'were'} treated as [${as}].`;
  switch (definition.treatMissingData) {
    case 'breaching':
      return { state: 'ALARM', reason: treated('Breaching') };
    case 'notBreaching':
      return { state: 'OK', reason: treated('NonBreaching') };
    case 'ignore':
      return undefined;
    default:
      return {
        state: 'INSUFFICIENT_DATA',
        reason: `Insufficient Data: ${plural(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`,
      };
  }
}

/**
 * Decides an alarm's state from its last EvaluationPeriods values (newest first), as CloudWatch does:
 * ALARM when at least DatapointsToAlarm of them breach, missing ones counted per TreatMissingData
 * (`missing` and `ignore` leave them out; when every one is missing, `missing` means INSUFFICIENT_DATA and
 * `ignore` keeps the current state, returned as undefined).
 */
export function evaluateAlarm(definition: AlarmDefinition, periods: PeriodValue[]): Verdict | undefined {
  const n = periods.length;
  const missing = periods.filter((p) => p.value === undefined).length;
  if (missing === n) return allMissing(definition, n);
  const present = periods.filter((p): p is { start: Date; value: number } => p.value !== undefined);
  const breaching = present.filter((p) => breaches(definition.comparison, p.value, definition.threshold));
  const missingBreach = definition.treatMissingData === 'breaching' ? missing : 0;
  const count = breaching.length + missingBreach;
  const m = definition.datapointsToAlarm;
  const alarm = count >= m;
  const shown = alarm ? breaching : present.filter((p) => !breaching.includes(p));
  const list = shown.map((p) => `${formatNumber(p.value)} (${formatStamp(p.start)})`).join(', ');
  const verb = shown.length === 1 ? 'was' : 'were';
  const phrase = `${alarm ? '' : 'not '}${PHRASES[definition.comparison]}`;
  const treated =
    missing > 0 &&
    (definition.treatMissingData === 'breaching' || definition.treatMissingData === 'notBreaching')
      ? ` and ${plural(missing, 'missing datapoint')} ${missing === 1 ? 'was' : 'were'} treated as [${definition.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching'}]`
      : '';
  const transition = alarm ? 'OK -> ALARM' : 'ALARM -> OK';
  return {
    state: alarm ? 'ALARM' : 'OK',
    reason:
      `Threshold Crossed: ${shown.length} out of the last ${n} datapoints [${list}] ${verb} ${phrase} the threshold ` +
      `(${formatNumber(definition.threshold)})${treated} (minimum ${plural(m, 'datapoint')} for ${transition} transition).`,
  };
}
