import {
  createEvent,
  ExpenseDeletedVersions,
  parseSqsRecord,
  ReceiptAttached,
  ReceiptAttachedVersions,
  ReceiptRejected,
  ReceiptRemovedVersions,
  type SubscribedEvent,
  subscribe,
} from '@spendwise/contracts';
import type { Observability } from '@spendwise/lambda-kit/observability';
import { PoisonMessageError, sqsEventConsumer } from '@spendwise/lambda-kit/sqs';
import type { SQSRecord } from 'aws-lambda';
import { StaleUploadError, StaleVersionError } from '../../domain/errors';
import type { Expense } from '../../domain/expense';
import {
  judgeUpload,
  parseReceiptKey,
  type Receipt,
  type ReceiptLocation,
  type ReceiptVerdict,
  receiptObjectKey,
  withReceipt,
} from '../../domain/receipt';
import type {
  AttachReceipt,
  Clock,
  FindExpense,
  FindPendingReceipt,
  ReceiptFiles,
  RecordReceiptRejection,
} from '../../ports';

/** How many first bytes are read to recognise a file: enough for every type file-type knows of ours. */
export const SNIFF_BYTES = 4100;

/** An S3 `Object Created` notification (as EventBridge delivers it), in the shape the SQS consumer kit needs. */
export interface ObjectCreated {
  kind: 'object-created';
  key: string;
  detail: { metadata: { eventId: string; correlationId: string } };
}

/** The events this function consumes from the Spendwise bus. */
export type ReceiptsQueueEvent = ObjectCreated | (FileEvent & { kind: 'spendwise' });

/** The Spendwise events that leave files to delete, with their validators. */
const RECEIPT_FILE_EVENTS = subscribe(
  ExpenseDeletedVersions,
  ReceiptAttachedVersions,
  ReceiptRemovedVersions,
);
type FileEvent = SubscribedEvent<typeof RECEIPT_FILE_EVENTS>;

export interface CheckReceiptDependencies {
  findExpense: FindExpense;
  findPendingReceipt: FindPendingReceipt;
  attachReceipt: AttachReceipt;
  recordReceiptRejection: RecordReceiptRejection;
  files: Pick<ReceiptFiles, 'inspect' | 'remove'>;
  /** The media type the first bytes show (file-type), undefined when not recognised. */
  detectType: (head: Uint8Array) => Promise<string | undefined>;
  now: Clock;
  /** Told what became of each event, for logs and metrics. */
  onOutcome?: (outcome: string, details: Record<string, unknown>) => void;
}

/** How often a check re-reads and tries again when the expense changed under it (a PATCH at the same moment). */
const ATTACH_ATTEMPTS = 3;

export type CheckOutcome =
  | 'attached'
  | 'already-attached'
  | 'rejected'
  | 'gone'
  | 'not-a-receipt'
  | 'deleted-files'
  | 'nothing-to-delete';

/**
 * Handles one event of the receipts queue. Every path is idempotent and order-tolerant: a duplicate of an attached
 * upload is recognised by its receipt id, a duplicate of a rejected one finds the object gone (or its rejection
 * recorded), an old upload arriving after a newer one is stale, and deleting an object twice is harmless.
 */
export function checkReceipt(deps: CheckReceiptDependencies) {
  const report = (outcome: CheckOutcome, details: Record<string, unknown>) => {
    deps.onOutcome?.(outcome, details);
    return outcome;
  };

  const checkUpload = async (event: ObjectCreated): Promise<CheckOutcome> => {
    const location = parseReceiptKey(event.key);
    if (!location) return report('not-a-receipt', { key: event.key });
    const object = await deps.files.inspect(event.key, SNIFF_BYTES);
    // Already deleted: this is a duplicate (or late) notification of a rejected or replaced file.
    if (!object) return report('gone', { key: event.key });
    const detectedContentType = await deps.detectType(object.head);
    const upload: Upload = { ...location, key: event.key, size: object.size, detectedContentType };

    for (let attempt = 1; ; attempt += 1) {
      const outcome = await settleUpload(event, upload, attempt >= ATTACH_ATTEMPTS);
      if (outcome !== 'retry') return outcome;
    }
  };

  /** Judges an upload on the current state and acts on it; 'retry' when the state moved under the write. */
  const settleUpload = async (
    event: ObjectCreated,
    upload: Upload,
    lastAttempt: boolean,
  ): Promise<CheckOutcome | 'retry'> => {
    const now = deps.now();
    const [expense, pending] = await Promise.all([
      deps.findExpense(upload.userId, upload.expenseId),
      deps.findPendingReceipt(upload.userId, upload.expenseId),
    ]);
    const verdict = judgeUpload(upload, expense, pending, now);
    if (verdict.outcome === 'already-attached') return report('already-attached', { key: event.key });
    if (verdict.outcome === 'reject') {
      // Recorded before the delete: a crash in between leaves the file, and the retry deletes it without a
      // second event (the rejection is remembered per receipt id).
      await deps.recordReceiptRejection(upload, rejectionEvent(event, upload, verdict, now));
      await deps.files.remove(event.key);
      return report('rejected', { key: event.key, reason: verdict.reason });
    }
    // A verdict to attach implies the expense was found.
    const current = expense as Expense;
    const next = withReceipt(current, verdict.receipt, now);
    try {
      await deps.attachReceipt(
        next,
        current.version,
        attachedEvent(event, upload, next, verdict.replaced, now),
      );
      return report('attached', { key: event.key, version: next.version });
    } catch (error) {
      // The expense or its pending upload changed between the read and the write: judge again on fresh state.
      const moved = error instanceof StaleVersionError || error instanceof StaleUploadError;
      if (!moved || lastAttempt) throw error;
      return 'retry';
    }
  };

  /** Deletes the files an event says are no longer needed: a deleted expense's, a replaced or removed receipt. */
  const deleteFiles = async (event: FileEvent) => {
    const keys = filesToDelete(event);
    if (keys.length === 0) return report('nothing-to-delete', { detailType: event.detailType });
    for (const key of keys) await deps.files.remove(key);
    return report('deleted-files', { detailType: event.detailType, keys });
  };

  return async (event: ReceiptsQueueEvent): Promise<CheckOutcome> =>
    event.kind === 'object-created' ? checkUpload(event) : deleteFiles(event);
}

type Upload = ReceiptLocation & { key: string; size: number; detectedContentType: string | undefined };

function rejectionEvent(
  event: ObjectCreated,
  upload: Upload,
  verdict: Extract<ReceiptVerdict, { outcome: 'reject' }>,
  now: Date,
) {
  const { declaredContentType } = verdict;
  const { detectedContentType } = upload;
  return createEvent(
    ReceiptRejected,
    {
      expenseId: upload.expenseId,
      receiptId: upload.receiptId,
      key: upload.key,
      reason: verdict.reason,
      size: upload.size,
      ...(declaredContentType ? { declaredContentType } : {}),
      ...(detectedContentType ? { detectedContentType } : {}),
    },
    contextOf(event, upload),
    { occurredAt: now },
  );
}

function attachedEvent(
  event: ObjectCreated,
  upload: Upload,
  next: Expense,
  replaced: Receipt | undefined,
  now: Date,
) {
  const receipt = next.receipt as Receipt;
  return createEvent(
    ReceiptAttached,
    {
      expenseId: next.expenseId,
      version: next.version,
      receiptId: receipt.receiptId,
      contentType: receipt.contentType,
      size: receipt.size,
      key: upload.key,
      attachedAt: receipt.attachedAt,
      ...(replaced
        ? {
            replaced: {
              receiptId: replaced.receiptId,
              key: receiptObjectKey({ ...upload, receiptId: replaced.receiptId }),
            },
          }
        : {}),
    },
    contextOf(event, upload),
    { occurredAt: now },
  );
}

/** The receipt keys an event names as no longer needed; only ever keys of the event's own user and expense. */
function filesToDelete(event: FileEvent): string[] {
  const { userId } = event.detail.metadata;
  if (event.detailType === 'ExpenseDeleted') {
    const { expense } = event.detail.data;
    return expense.receipt
      ? [receiptObjectKey({ userId, expenseId: expense.expenseId, receiptId: expense.receipt.receiptId })]
      : [];
  }
  const { expenseId } = event.detail.data;
  const key = event.detailType === 'ReceiptRemoved' ? event.detail.data.key : event.detail.data.replaced?.key;
  const owned = key ? parseReceiptKey(key) : undefined;
  return key && owned?.userId === userId && owned.expenseId === expenseId ? [key] : [];
}

/** The metadata of events caused by an upload: the notification's id correlates them. */
function contextOf(event: ObjectCreated, location: ReceiptLocation) {
  const id = event.detail.metadata.eventId;
  return { userId: location.userId, correlationId: id, causationId: id };
}

/**
 * A record of the receipts queue: an S3 notification (not a Spendwise event, so checked here by hand for the
 * fields used) or one of the Spendwise events this function deletes files for. Anything else is poison.
 */
export function parseReceiptsQueueRecord(record: SQSRecord): ReceiptsQueueEvent {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(record.body) as Record<string, unknown>;
  } catch (error) {
    throw new PoisonMessageError(record.messageId, error);
  }
  if (body?.source === 'aws.s3') {
    const detail = body.detail as { object?: { key?: unknown } } | undefined;
    const key = detail?.object?.key;
    if (body['detail-type'] !== 'Object Created' || typeof key !== 'string' || typeof body.id !== 'string') {
      throw new PoisonMessageError(record.messageId, new Error('not an S3 Object Created notification'));
    }
    return {
      kind: 'object-created',
      key,
      detail: { metadata: { eventId: body.id, correlationId: body.id } },
    };
  }
  return {
    ...parseSqsRecord(record, RECEIPT_FILE_EVENTS),
    kind: 'spendwise',
  };
}

/**
 * The SQS consumer of the receipts queue. Naturally idempotent (see checkReceipt), so it needs no Powertools
 * idempotency table; records are handled one after another so that two notifications of one expense in a batch
 * are judged in order.
 */
export const checkReceiptHandler = (deps: CheckReceiptDependencies, observability?: Observability) =>
  sqsEventConsumer({
    parse: parseReceiptsQueueRecord,
    handle: checkReceipt(deps),
    idempotency: false,
    ...(observability ? { observability } : {}),
  });
