import { isMonth, previousMonth } from '../../report/domain/month';
import { computeStatistics, hasEnoughData, type ReportStatistics } from '../../report/domain/statistics';
import type { LoadMonthAggregates } from '../../report/ports';

export interface LoadReportDataInput {
  userId: string;
  month: string;
}

export interface LoadReportDataOutput {
  statistics: ReportStatistics;
  enoughData: boolean;
}

/**
 * Workflow step ComputeStatistics: reads the month and the month before from the read models and computes the
 * statistics the model (or the fallback) works from.
 */
export function loadReportData(deps: { loadMonthAggregates: LoadMonthAggregates }) {
  return async ({ userId, month }: LoadReportDataInput): Promise<LoadReportDataOutput> => {
    if (typeof userId !== 'string' || userId === '' || typeof month !== 'string' || !isMonth(month)) {
      throw new TypeError('ComputeStatistics needs { userId, month: YYYY-MM }');
    }
    const [current, previous] = await Promise.all([
      deps.loadMonthAggregates(userId, month),
      deps.loadMonthAggregates(userId, previousMonth(month)),
    ]);
    const statistics = computeStatistics(current, previous);
    return { statistics, enoughData: hasEnoughData(statistics) };
  };
}
