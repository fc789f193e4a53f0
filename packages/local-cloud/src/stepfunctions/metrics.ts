import type { MetricsPort } from '../core/ports';
import type { ExecutionRecord } from './types';

const ENDED: Record<string, string> = {
  SUCCEEDED: 'ExecutionsSucceeded',
  FAILED: 'ExecutionsFailed',
  TIMED_OUT: 'ExecutionsTimedOut',
  ABORTED: 'ExecutionsAborted',
};

/** `AWS/States` execution metrics with the StateMachineArn dimension (alarms use ExecutionsFailed). */
export function recordExecutionMetrics(
  metrics: MetricsPort,
  record: ExecutionRecord,
  moment: 'started' | 'ended',
): void {
  const base = { namespace: 'AWS/States', dimensions: { StateMachineArn: record.stateMachineArn } };
  if (moment === 'started') {
    metrics.put({ ...base, name: 'ExecutionsStarted', value: 1, unit: 'Count', timestamp: record.startDate });
    return;
  }
  const stopDate = record.stopDate ?? new Date();
  const name = ENDED[record.status];
  if (name) metrics.put({ ...base, name, value: 1, unit: 'Count', timestamp: stopDate });
  const elapsed = stopDate.getTime() - record.startDate.getTime();
  metrics.put({ ...base, name: 'ExecutionTime', value: elapsed, unit: 'Milliseconds', timestamp: stopDate });
}
