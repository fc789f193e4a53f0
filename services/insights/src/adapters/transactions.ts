import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** The cancellation reason codes of a cancelled transaction, or undefined for any other error. */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if ((error as { name?: string })?.name !== 'TransactionCanceledException') return undefined;
  return ((error as TransactionCanceledException).CancellationReasons ?? []).map((reason) => reason.Code);
}

/** Whether a transaction was cancelled because a guard failed or a concurrent transaction touched its items. */
export function lostARace(error: unknown): boolean {
  const codes = cancellationCodes(error);
  return codes?.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict') ?? false;
}

/** Whether a conditional single-item write failed on its condition. */
export const conditionFailed = (error: unknown): boolean =>
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';
