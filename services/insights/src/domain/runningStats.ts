/**
 * Running statistics of a user's expense amounts in one category and currency (Welford's online algorithm), and
 * the anomaly rule built on them. Statistics are plain numbers: they describe amounts, they are never money.
 */

export interface RunningStats {
  /** How many amounts the statistics have learnt. */
  count: number;
  mean: number;
  /** Sum of squared differences from the mean (Welford's M2). */
  m2: number;
}

export const EMPTY_STATS: RunningStats = { count: 0, mean: 0, m2: 0 };

/** Learns one more amount. */
export function addSample(stats: RunningStats, amount: number): RunningStats {
  const count = stats.count + 1;
  const delta = amount - stats.mean;
  const mean = stats.mean + delta / count;
  return { count, mean, m2: stats.m2 + delta * (amount - mean) };
}

/** Sample standard deviation; 0 below two samples. */
export const standardDeviation = (stats: RunningStats): number =>
  stats.count < 2 ? 0 : Math.sqrt(stats.m2 / (stats.count - 1));

export interface AnomalyRule {
  /** Earlier expenses needed before the rule speaks at all. */
  minHistory: number;
  /** How many standard deviations above the mean make an amount unusual. */
  k: number;
  /** The standard deviation used is at least this share of the mean, so a flat history does not flag a cent more. */
  minRelativeDeviation: number;
}

export const DEFAULT_ANOMALY_RULE: AnomalyRule = { minHistory: 5, k: 3, minRelativeDeviation: 0.1 };

export interface AnomalyAssessment {
  /** The typical amount: the mean of the history, in whole minor units. */
  typicalMinorUnits: number;
  /** Standard deviations above the mean (with the floor applied), two decimals. */
  score: number;
  historySize: number;
}

/**
 * Whether `amount` is unusual against the history *before* it: only with at least `minHistory` earlier amounts,
 * and only when it exceeds mean + k · max(stddev, minRelativeDeviation · mean, 1).
 */
export function assessAnomaly(
  history: RunningStats,
  amount: number,
  rule: AnomalyRule = DEFAULT_ANOMALY_RULE,
): AnomalyAssessment | undefined {
  if (history.count < rule.minHistory) return undefined;
  const deviation = Math.max(
    standardDeviation(history),
    rule.minRelativeDeviation * Math.abs(history.mean),
    1,
  );
  const score = (amount - history.mean) / deviation;
  if (score <= rule.k) return undefined;
  return {
    typicalMinorUnits: Math.max(1, Math.round(history.mean)),
    score: Math.round(score * 100) / 100,
    historySize: history.count,
  };
}
