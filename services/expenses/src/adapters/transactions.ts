import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** The cancellation reason of one item of a cancelled transaction, with the old item when DynamoDB returned it. */
export function cancellationReason(error: unknown, index: number) {
  // Matched by name: the SDK's error classes are not shared across bundles, so instanceof is unreliable.
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return undefined;
  const reason = (error as TransactionCanceledException).CancellationReasons?.[index];
  if (!reason?.Code || reason.Code === 'None') return undefined;
  return { code: reason.Code, item: reason.Item ? unmarshall(reason.Item) : undefined };
}
