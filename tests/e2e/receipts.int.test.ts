/**
 * End to end over the local cloud: a receipt goes from the presigned POST straight to the local S3, through the
 * bucket's notification (default bus → Spendwise bus → receipts queue) to checkReceipt, which attaches it or
 * rejects it by its first bytes; the presigned GET gives the same bytes back, to the owner only; replacing a
 * receipt and deleting the expense delete the old files.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uploadReceipt } from '@spendwise/client/receiptUpload';
import type { BusEvent } from '../../packages/local-cloud/src/core/ports';
import { demoCalendar } from '../../scripts/demo/calendar';
import { type SpendwiseClient, waitFor } from '../../scripts/demo/client';
import { type System, settled, startSystem } from './support/system';

let system: System;
let bucket: string;
const busEvents: BusEvent[] = [];
const TEST_TIMEOUT_MS = 300_000;

// A real 1×1 PNG, and a real (tiny) PDF.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

beforeAll(async () => {
  system = await startSystem();
  system.cloud.engines.events.onEvent((_bus, event) => busEvents.push(event));
  const name = system.cloud.engines.s3.bucketNames().find((candidate) => candidate.includes('-receipts-'));
  if (!name) throw new Error('the expenses template created no receipts bucket');
  bucket = name;
}, 900_000);

afterAll(() => system?.stop());

interface Expense {
  expenseId: string;
  version: number;
  receipt?: { receiptId: string; contentType: string; size: number; attachedAt: string };
}
interface Upload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

const newExpense = (client: SpendwiseClient) =>
  client.expect<Expense>(201, 'expenses', 'POST', '/expenses', {
    amount: { minorUnits: 1250, currency: 'EUR' },
    date: demoCalendar().current(1),
    merchant: 'Corner shop',
  });

const requestUpload = (client: SpendwiseClient, expenseId: string, contentType: string) =>
  client.expect<Upload>(201, 'expenses', 'POST', `/expenses/${expenseId}/receipt`, { contentType });

const receiptIdOf = (upload: Upload) => upload.fields.key?.split('/').pop() as string;

const eventsOf = (detailType: string, receiptId: string) =>
  busEvents.filter(
    (e) =>
      e['detail-type'] === detailType &&
      (e.detail as { data?: { receiptId?: string } }).data?.receiptId === receiptId,
  );

const keysUnder = (prefix: string) => system.cloud.engines.s3.list(bucket, prefix).map((v) => v.key);

/** Uploads a file with the presigned POST, then waits until the system has handled its notification. */
async function upload(client: SpendwiseClient, expenseId: string, contentType: string, body: Buffer) {
  const presigned = await requestUpload(client, expenseId, contentType);
  await uploadReceipt(presigned, new Blob([body], { type: contentType }));
  await settled(system);
  return presigned;
}

describe('receipts', () => {
  it(
    'attaches a PNG uploaded with the presigned POST, and its presigned GET downloads the same bytes',
    async () => {
      const { client, userId } = await system.user('e2e-receipt-attach');
      const expense = await newExpense(client);

      const presigned = await upload(client, expense.expenseId, 'image/png', PNG);
      const receiptId = receiptIdOf(presigned);

      const attached = await client.expect<Expense>(200, 'expenses', 'GET', `/expenses/${expense.expenseId}`);
      expect(presigned.fields.key).toBe(`receipts/${userId}/${expense.expenseId}/${receiptId}`);
      expect(attached.version).toBe(2);
      expect(attached.receipt).toMatchObject({ receiptId, contentType: 'image/png', size: PNG.length });
      expect(eventsOf('ReceiptAttached', receiptId)).toHaveLength(1);

      const link = await client.expect<{ url: string; contentType: string }>(
        200,
        'expenses',
        'GET',
        `/expenses/${expense.expenseId}/receipt`,
      );
      const download = await fetch(link.url);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'rejects a PDF declared as image/png, deletes it, and attaches nothing',
    async () => {
      const { client, userId } = await system.user('e2e-receipt-mismatch');
      const expense = await newExpense(client);

      const presigned = await upload(client, expense.expenseId, 'image/png', PDF);
      const receiptId = receiptIdOf(presigned);

      const rejected = await waitFor('ReceiptRejected', () => eventsOf('ReceiptRejected', receiptId)[0]);
      expect((rejected.detail as { data: unknown }).data).toMatchObject({
        reason: 'TYPE_MISMATCH',
        declaredContentType: 'image/png',
        detectedContentType: 'application/pdf',
      });
      expect(keysUnder(`receipts/${userId}/${expense.expenseId}/`)).toEqual([]);
      const after = await client.expect<Expense>(200, 'expenses', 'GET', `/expenses/${expense.expenseId}`);
      expect(after.receipt).toBeUndefined();
      const none = await client.call<{ code: string }>(
        'expenses',
        'GET',
        `/expenses/${expense.expenseId}/receipt`,
      );
      expect([none.status, none.body.code]).toEqual([404, 'RECEIPT_NOT_FOUND']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "answers 404 EXPENSE_NOT_FOUND for another person's receipt, to read or to upload",
    async () => {
      const { client: owner } = await system.user('e2e-receipt-owner');
      const { client: other } = await system.user('e2e-receipt-other');
      const expense = await newExpense(owner);
      await upload(owner, expense.expenseId, 'image/png', PNG);

      const read = await other.call<{ code: string }>(
        'expenses',
        'GET',
        `/expenses/${expense.expenseId}/receipt`,
      );
      const write = await other.call<{ code: string }>(
        'expenses',
        'POST',
        `/expenses/${expense.expenseId}/receipt`,
        {
          contentType: 'image/png',
        },
      );

      expect([read.status, read.body.code]).toEqual([404, 'EXPENSE_NOT_FOUND']);
      expect([write.status, write.body.code]).toEqual([404, 'EXPENSE_NOT_FOUND']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses an upload over what the policy allows, and a content type outside the list',
    async () => {
      const { client } = await system.user('e2e-receipt-policy');
      const expense = await newExpense(client);
      const presigned = await requestUpload(client, expense.expenseId, 'image/png');

      const tooLarge = await uploadReceipt(
        presigned,
        new Blob([Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)])], { type: 'image/png' }),
      ).catch((error: unknown) => error);
      const gif = await client.call<{ code: string }>(
        'expenses',
        'POST',
        `/expenses/${expense.expenseId}/receipt`,
        {
          contentType: 'image/gif',
        },
      );

      expect(tooLarge).toMatchObject({ status: 400, code: 'EntityTooLarge' });
      expect([gif.status, gif.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'replacing a receipt deletes the old file; deleting the expense deletes the receipt',
    async () => {
      const { client, userId } = await system.user('e2e-receipt-replace');
      const expense = await newExpense(client);
      const prefix = `receipts/${userId}/${expense.expenseId}/`;
      const first = await upload(client, expense.expenseId, 'image/png', PNG);

      const second = await upload(client, expense.expenseId, 'application/pdf', PDF);

      const replaced = await client.expect<Expense>(200, 'expenses', 'GET', `/expenses/${expense.expenseId}`);
      expect(replaced.receipt).toMatchObject({
        receiptId: receiptIdOf(second),
        contentType: 'application/pdf',
      });
      expect(
        (eventsOf('ReceiptAttached', receiptIdOf(second))[0]?.detail as { data: unknown } | undefined)?.data,
      ).toMatchObject({
        replaced: { receiptId: receiptIdOf(first), key: first.fields.key },
      });
      expect(keysUnder(prefix)).toEqual([second.fields.key]);

      await client.expect(204, 'expenses', 'DELETE', `/expenses/${expense.expenseId}`);
      await settled(system);

      expect(keysUnder(prefix)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'removing a receipt detaches it in a new version and deletes its file',
    async () => {
      const { client, userId } = await system.user('e2e-receipt-remove');
      const expense = await newExpense(client);
      await upload(client, expense.expenseId, 'image/png', PNG);
      const attached = await client.expect<Expense>(200, 'expenses', 'GET', `/expenses/${expense.expenseId}`);

      await client.expect(204, 'expenses', 'DELETE', `/expenses/${expense.expenseId}/receipt`, undefined, {
        'if-match': `"${attached.version}"`,
      });
      await settled(system);

      const after = await client.expect<Expense>(200, 'expenses', 'GET', `/expenses/${expense.expenseId}`);
      expect(after.version).toBe(attached.version + 1);
      expect(after.receipt).toBeUndefined();
      expect(keysUnder(`receipts/${userId}/${expense.expenseId}/`)).toEqual([]);
      const again = await client.call<{ code: string }>(
        'expenses',
        'DELETE',
        `/expenses/${expense.expenseId}/receipt`,
      );
      expect([again.status, again.body.code]).toEqual([404, 'RECEIPT_NOT_FOUND']);
    },
    TEST_TIMEOUT_MS,
  );
});
