import type { InvokeOutcome } from '../../core/ports';

/** Which messages of an invoked batch the poller deletes; the rest come back after the visibility timeout. */
export interface BatchOutcome {
  deleteIds: string[];
  failedIds: string[];
  /** Why the whole batch counts as failed, when it does. */
  failure?: string;
}

/**
 * Applies Lambda's rules for an SQS batch. A function error fails the whole batch. Without
 * ReportBatchItemFailures any successful return deletes everything. With it, a null/empty response or an
 * empty/null `batchItemFailures` is complete success, the listed message ids are kept, and a malformed
 * response or an itemIdentifier that is empty, null or not in the batch fails the whole batch.
 */
export function batchOutcome(
  outcome: InvokeOutcome,
  reportItemFailures: boolean,
  messageIds: string[],
): BatchOutcome {
  const whole = (failure: string): BatchOutcome => ({ deleteIds: [], failedIds: [...messageIds], failure });
  if (!outcome.ok) return whole(`function error ${outcome.errorType}: ${outcome.errorMessage}`);
  if (!reportItemFailures) return { deleteIds: [...messageIds], failedIds: [] };
  const failed = reportedFailures(outcome.result, new Set(messageIds));
  if (typeof failed === 'string') return whole(failed);
  return { deleteIds: messageIds.filter((id) => !failed.has(id)), failedIds: [...failed] };
}

function reportedFailures(result: unknown, batch: Set<string>): Set<string> | string {
  if (result === undefined || result === null) return new Set();
  if (typeof result !== 'object' || Array.isArray(result))
    return 'the response is not a batch item failures object';
  const list = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return 'batchItemFailures is not a list';
  const failed = new Set<string>();
  for (const item of list) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !batch.has(id)) {
      return `invalid itemIdentifier ${JSON.stringify(id ?? null)} in batchItemFailures`;
    }
    failed.add(id);
  }
  return failed;
}
