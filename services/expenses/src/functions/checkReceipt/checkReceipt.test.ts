import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import { testCalendar } from '@spendwise/test-kit';
import { fileTypeFromBuffer } from 'file-type';
import { ExpenseNotFoundError, StaleUploadError, StaleVersionError } from '../../domain/errors';
import { type Expense, recordExpense } from '../../domain/expense';
import { MAX_RECEIPT_BYTES, type PendingReceipt, receiptObjectKey } from '../../domain/receipt';
import type { CheckReceiptDependencies } from './checkReceipt';
import { checkReceiptHandler } from './checkReceipt';

const calendar = testCalendar();
const userId = 'user-7';
const expenseId = '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const receiptIds = ['0a1b2c3d-4e5f-4061-8273-8495a6b7c8d1', '0a1b2c3d-4e5f-4061-8273-8495a6b7c8d2'] as const;
const keyOf = (receiptId: string, owner = userId, expense = expenseId) =>
  receiptObjectKey({ userId: owner, expenseId: expense, receiptId });

// Real magic bytes: the checker reads them with file-type, as in production.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** The table and bucket in memory, with the same conditional semantics as the DynamoDB and S3 adapters. */
function fakeWorld() {
  const expenses = new Map<string, Expense>();
  const pending = new Map<string, PendingReceipt>();
  const rejections = new Set<string>();
  const events: EventEnvelope[] = [];
  const files = new Map<string, Uint8Array>();
  const removed: string[] = [];
  let failNextAttach: Error | undefined;

  const deps: CheckReceiptDependencies = {
    findExpense: async (owner, id) => expenses.get(`${owner}/${id}`),
    findPendingReceipt: async (owner, id) => pending.get(`${owner}/${id}`),
    attachReceipt: async (next, expectedVersion, event) => {
      if (failNextAttach) {
        const error = failNextAttach;
        failNextAttach = undefined;
        throw error;
      }
      const id = `${next.userId}/${next.expenseId}`;
      const current = expenses.get(id);
      if (!current) throw new ExpenseNotFoundError(next.expenseId);
      if (current.version !== expectedVersion) throw new StaleVersionError(next.expenseId, expectedVersion);
      if (pending.get(id)?.receiptId !== next.receipt?.receiptId) {
        throw new StaleUploadError(next.expenseId, next.receipt?.receiptId ?? '');
      }
      expenses.set(id, next);
      pending.delete(id);
      events.push(event);
    },
    recordReceiptRejection: async (location, event) => {
      const id = `${location.userId}/${location.receiptId}`;
      if (rejections.has(id)) return 'already-recorded';
      rejections.add(id);
      events.push(event);
      return 'recorded';
    },
    files: {
      inspect: async (key, bytes) => {
        const body = files.get(key);
        return body ? { size: body.length, head: body.subarray(0, bytes) } : undefined;
      },
      remove: async (key) => {
        files.delete(key);
        removed.push(key);
      },
    },
    detectType: async (head) => (await fileTypeFromBuffer(head))?.mime,
    now: () => calendar.now,
  };

  const expense = recordExpense(
    { amount: { minorUnits: 1250, currency: 'EUR' }, date: calendar.today },
    { userId, expenseId, now: calendar.now },
  );
  expenses.set(`${userId}/${expenseId}`, expense);

  return {
    deps,
    expenses,
    events,
    files,
    removed,
    handler: checkReceiptHandler(deps),
    expense: () => expenses.get(`${userId}/${expenseId}`),
    /** The owner asked for an upload of this type (POST /expenses/{id}/receipt). */
    requestUpload(receiptId: string, contentType: PendingReceipt['contentType']) {
      pending.set(`${userId}/${expenseId}`, {
        userId,
        expenseId,
        receiptId,
        contentType,
        requestedAt: calendar.now.toISOString(),
      });
    },
    upload(key: string, body: Uint8Array) {
      files.set(key, body);
    },
    failNextAttachWith(error: Error) {
      failNextAttach = error;
    },
  };
}

let notification = 0;
const objectCreated = (key: string) => ({
  id: `a1b2c3d4-0000-4000-8000-${String(++notification).padStart(12, '0')}`,
  source: 'aws.s3',
  'detail-type': 'Object Created',
  detail: {
    version: '0',
    bucket: { name: 'spendwise-test-receipts-123456789012' },
    object: { key, size: 1, etag: 'e', 'version-id': 'v', sequencer: '1' },
    'request-id': 'r',
    requester: '123456789012',
    reason: 'PostObject',
  },
});

const run = async (world: ReturnType<typeof fakeWorld>, ...bodies: unknown[]) =>
  world.handler(sqsEvent(bodies.map((body) => ({ body }))), lambdaContext());

const detailTypes = (world: ReturnType<typeof fakeWorld>) => world.events.map((e) => e.detailType);
const dataOf = (event: EventEnvelope | undefined) =>
  (event?.detail as unknown as { data: Record<string, unknown> } | undefined)?.data;

describe('checkReceipt: uploads', () => {
  it('attaches a PNG declared as image/png: a new version with the receipt, and ReceiptAttached', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);

    const result = await run(world, objectCreated(keyOf(receiptIds[0])));

    expect(result.batchItemFailures).toEqual([]);
    expect(world.expense()).toMatchObject({
      version: 2,
      receipt: { receiptId: receiptIds[0], contentType: 'image/png', size: PNG.length },
    });
    expect(detailTypes(world)).toEqual(['ReceiptAttached']);
    expect(dataOf(world.events[0])).toMatchObject({
      expenseId,
      version: 2,
      receiptId: receiptIds[0],
      key: keyOf(receiptIds[0]),
      size: PNG.length,
    });
    expect(world.files.has(keyOf(receiptIds[0]))).toBe(true);
  });

  it('rejects a PDF declared as image/png (TYPE_MISMATCH) and deletes it', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PDF);

    await run(world, objectCreated(keyOf(receiptIds[0])));

    expect(detailTypes(world)).toEqual(['ReceiptRejected']);
    expect(dataOf(world.events[0])).toMatchObject({
      reason: 'TYPE_MISMATCH',
      declaredContentType: 'image/png',
      detectedContentType: 'application/pdf',
    });
    expect(world.files.has(keyOf(receiptIds[0]))).toBe(false);
    expect(world.expense()?.receipt).toBeUndefined();
  });

  it('rejects bytes no type is recognised in, whatever the declared type', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'application/pdf');
    world.upload(keyOf(receiptIds[0]), Buffer.from('just some text, named receipt.pdf'));

    await run(world, objectCreated(keyOf(receiptIds[0])));

    expect(dataOf(world.events[0])).toMatchObject({ reason: 'TYPE_MISMATCH' });
    expect(world.files.size).toBe(0);
  });

  it('rejects a file over 10 MiB (TOO_LARGE) even when its first bytes fit', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    const big = new Uint8Array(MAX_RECEIPT_BYTES + 1);
    big.set(PNG);
    world.upload(keyOf(receiptIds[0]), big);

    await run(world, objectCreated(keyOf(receiptIds[0])));

    expect(dataOf(world.events[0])).toMatchObject({ reason: 'TOO_LARGE', size: MAX_RECEIPT_BYTES + 1 });
    expect(world.files.size).toBe(0);
  });

  it('rejects an upload for an expense that does not exist (UNKNOWN_EXPENSE)', async () => {
    const world = fakeWorld();
    const key = keyOf(receiptIds[0], userId, '9e9e9e9e-4b5a-4c6d-8e7f-9a0b1c2d3e4f');
    world.upload(key, PNG);

    await run(world, objectCreated(key));

    expect(dataOf(world.events[0])).toMatchObject({ reason: 'UNKNOWN_EXPENSE' });
    expect(world.removed).toEqual([key]);
  });

  it('rejects an upload that is not the latest requested one (STALE_UPLOAD), keeping the latest attachable', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.requestUpload(receiptIds[1], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);
    world.upload(keyOf(receiptIds[1]), PNG);

    await run(world, objectCreated(keyOf(receiptIds[0])), objectCreated(keyOf(receiptIds[1])));

    expect(detailTypes(world)).toEqual(['ReceiptRejected', 'ReceiptAttached']);
    expect(dataOf(world.events[0])).toMatchObject({ reason: 'STALE_UPLOAD', receiptId: receiptIds[0] });
    expect(world.expense()?.receipt?.receiptId).toBe(receiptIds[1]);
  });

  it('survives a duplicate notification of an attached receipt: no second event, the file stays', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);
    const notificationOfIt = objectCreated(keyOf(receiptIds[0]));

    await run(world, notificationOfIt);
    await run(world, notificationOfIt);

    expect(detailTypes(world)).toEqual(['ReceiptAttached']);
    expect(world.files.has(keyOf(receiptIds[0]))).toBe(true);
    expect(world.expense()?.version).toBe(2);
  });

  it("an old upload's notification after a newer receipt was attached is stale and never detaches it", async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);
    world.requestUpload(receiptIds[1], 'application/pdf');
    world.upload(keyOf(receiptIds[1]), PDF);

    await run(world, objectCreated(keyOf(receiptIds[1])));
    await run(world, objectCreated(keyOf(receiptIds[0])));

    expect(world.expense()?.receipt).toMatchObject({
      receiptId: receiptIds[1],
      contentType: 'application/pdf',
    });
    expect(detailTypes(world)).toEqual(['ReceiptAttached', 'ReceiptRejected']);
    expect(dataOf(world.events[1])).toMatchObject({ reason: 'STALE_UPLOAD' });
  });

  it('a duplicate notification of a rejected file finds it gone and publishes nothing more', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PDF);
    const notificationOfIt = objectCreated(keyOf(receiptIds[0]));

    await run(world, notificationOfIt);
    await run(world, notificationOfIt);

    expect(detailTypes(world)).toEqual(['ReceiptRejected']);
  });

  it('after a crash between recording a rejection and deleting the file, the retry deletes it without a second event', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PDF);
    const remove = world.deps.files.remove;
    world.deps.files.remove = async () => {
      throw new Error('crashed before the delete');
    };
    const crashed = await run(world, objectCreated(keyOf(receiptIds[0])));
    world.deps.files.remove = remove;

    await run(world, objectCreated(keyOf(receiptIds[0])));

    expect(crashed.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(detailTypes(world)).toEqual(['ReceiptRejected']);
    expect(world.files.size).toBe(0);
  });

  it('replacing a receipt names the previous file in ReceiptAttached', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);
    await run(world, objectCreated(keyOf(receiptIds[0])));
    world.requestUpload(receiptIds[1], 'application/pdf');
    world.upload(keyOf(receiptIds[1]), PDF);

    await run(world, objectCreated(keyOf(receiptIds[1])));

    expect(dataOf(world.events[1])).toMatchObject({
      version: 3,
      receiptId: receiptIds[1],
      replaced: { receiptId: receiptIds[0], key: keyOf(receiptIds[0]) },
    });
  });

  it('judges again when the expense changed between the read and the write (a PATCH at the same moment)', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);
    world.failNextAttachWith(new StaleVersionError(expenseId, 1));

    const result = await run(world, objectCreated(keyOf(receiptIds[0])));

    expect(result.batchItemFailures).toEqual([]);
    expect(detailTypes(world)).toEqual(['ReceiptAttached']);
  });

  it('reports poison messages and keeps the good ones of the batch', async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);

    const result = await run(
      world,
      'not json',
      { id: 'x', source: 'aws.s3', 'detail-type': 'Object Deleted', detail: {} },
      objectCreated(keyOf(receiptIds[0])),
    );

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }, { itemIdentifier: 'msg-2' }]);
    expect(detailTypes(world)).toEqual(['ReceiptAttached']);
  });
});

const spendwiseEvent = (detailType: string, data: unknown, id: string) => ({
  id: `eb-${id}`,
  source: 'spendwise.expenses',
  'detail-type': detailType,
  detail: {
    metadata: {
      eventId: `6f1c2d3e-4a5b-4c6d-8e7f-00000000000${id}`,
      eventVersion: 1,
      occurredAt: calendar.now.toISOString(),
      correlationId: 'corr-1',
      causationId: 'req-1',
      userId,
    },
    data,
  },
});

describe('checkReceipt: files that must go', () => {
  it("deletes a deleted expense's receipt, and a duplicate of the deletion is harmless", async () => {
    const world = fakeWorld();
    world.requestUpload(receiptIds[0], 'image/png');
    world.upload(keyOf(receiptIds[0]), PNG);
    await run(world, objectCreated(keyOf(receiptIds[0])));
    const last = world.expense() as Expense;
    const { userId: _owner, ...snapshot } = last;
    const deleted = spendwiseEvent(
      'ExpenseDeleted',
      { expenseId, version: last.version, expense: snapshot },
      '1',
    );

    const result = await run(world, deleted, deleted);

    expect(result.batchItemFailures).toEqual([]);
    expect(world.files.size).toBe(0);
    expect(world.removed).toEqual([keyOf(receiptIds[0]), keyOf(receiptIds[0])]);
  });

  it('deletes the replaced file named by ReceiptAttached, and only a key of the same expense', async () => {
    const world = fakeWorld();
    world.upload(keyOf(receiptIds[0]), PNG);
    world.upload(keyOf(receiptIds[1], 'someone-else'), PNG);
    const attached = (replacedKey: string, id: string) =>
      spendwiseEvent(
        'ReceiptAttached',
        {
          expenseId,
          version: 3,
          receiptId: receiptIds[1],
          contentType: 'image/png',
          size: PNG.length,
          key: keyOf(receiptIds[1]),
          attachedAt: calendar.now.toISOString(),
          replaced: { receiptId: receiptIds[0], key: replacedKey },
        },
        id,
      );

    await run(
      world,
      attached(keyOf(receiptIds[0]), '2'),
      attached(keyOf(receiptIds[1], 'someone-else'), '3'),
    );

    expect(world.removed).toEqual([keyOf(receiptIds[0])]);
    expect(world.files.has(keyOf(receiptIds[1], 'someone-else'))).toBe(true);
  });

  it('deletes the file a ReceiptRemoved names, and only a key of the same expense', async () => {
    const world = fakeWorld();
    world.upload(keyOf(receiptIds[0]), PNG);
    world.upload(keyOf(receiptIds[1], userId, '9e9e9e9e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'), PNG);
    const removed = (key: string, id: string) =>
      spendwiseEvent('ReceiptRemoved', { expenseId, version: 3, receiptId: receiptIds[0], key }, id);

    const result = await run(
      world,
      removed(keyOf(receiptIds[0]), '4'),
      removed(keyOf(receiptIds[1], userId, '9e9e9e9e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'), '5'),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(world.removed).toEqual([keyOf(receiptIds[0])]);
  });
});
