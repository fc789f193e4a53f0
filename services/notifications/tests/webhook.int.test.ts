import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import type { SQSBatchResponse } from 'aws-lambda';
import { buildPreferencesStore } from '../src/adapters/preferencesStore';
import { buildWebhookPoster } from '../src/adapters/webhookHttp';
import { defaultPreferences } from '../src/domain/preferences';
import { verifyWebhookSignature } from '../src/domain/signature';
import { deliverWebhookHandler } from '../src/functions/deliverWebhook/deliverWebhook';
import { freshNotificationsTable } from './support';

// deliverWebhook against a real HTTP server on loopback (allowed only by the local-development policy),
// with the preferences in DynamoDB Local. The receiver checks the signature with the published helper.
const SECRET = 'whsec_test-secret-for-the-receiver';
let table: Awaited<ReturnType<typeof freshNotificationsTable>>;
let store: ReturnType<typeof buildPreferencesStore>;
let server: Server;
let url: string;
let answerWith = 204;
const received: { headers: IncomingHttpHeaders; body: string; verified: boolean }[] = [];

beforeAll(async () => {
  table = await freshNotificationsTable();
  store = buildPreferencesStore(table.documentClient, { tableName: table.tableName });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['spendwise-signature'] as string | undefined;
      received.push({
        headers: req.headers,
        body,
        verified: verifyWebhookSignature(signature, body, SECRET),
      });
      res.writeHead(answerWith).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/spendwise`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  table.client.destroy();
});

beforeEach(() => {
  received.length = 0;
  answerWith = 204;
});

const consumer = (allowPrivateNetworks: boolean) =>
  deliverWebhookHandler({
    ...store,
    resolveHost: async () => ['127.0.0.1'],
    post: buildWebhookPoster({ timeoutMs: 2000 }),
    policy: { allowInsecure: true, allowPrivateNetworks },
    now: () => new Date(),
    idempotency: false,
  });

const withWebhook = async (userId: string) => {
  await store.savePreferences(
    { ...defaultPreferences(userId), webhookUrl: url, webhookSecret: SECRET, version: 1 },
    0,
    null,
  );
};

const message = (userId: string, id = '6507d033-bc76-5e9c-83da-0a13930f3adf') => ({
  id,
  userId,
  sourceEventId: 'source-1',
  type: 'BudgetThresholdReached',
  severity: 'critical',
  title: 'Budget exceeded: dining',
  message: 'You have spent €189.90 of your €150.00 dining budget for 2026-10 (100% threshold).',
  occurredAt: '2026-11-14T09:30:00.000Z',
  data: { categoryId: 'dining' },
});

const deliver = async (allowPrivate: boolean, body: unknown) =>
  (await consumer(allowPrivate)(sqsEvent([{ body, messageId: 'm-1' }]), lambdaContext())) as SQSBatchResponse;

describe('webhook deliveries', () => {
  it('POSTs the alert with a signature the receiver verifies and the event id header', async () => {
    await withWebhook('web-ok');

    const response = await deliver(true, message('web-ok'));

    expect(response.batchItemFailures).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0]?.verified).toBe(true);
    expect(received[0]?.headers['spendwise-event-id']).toBe('6507d033-bc76-5e9c-83da-0a13930f3adf');
    expect(JSON.parse(received[0]?.body ?? '{}')).toEqual({
      id: '6507d033-bc76-5e9c-83da-0a13930f3adf',
      type: 'BudgetThresholdReached',
      severity: 'critical',
      title: 'Budget exceeded: dining',
      message: expect.any(String),
      occurredAt: '2026-11-14T09:30:00.000Z',
      data: { categoryId: 'dining' },
    });
  });

  it('fails the record on a 5xx so that SQS retries it', async () => {
    await withWebhook('web-5xx');
    answerWith = 503;

    const response = await deliver(true, message('web-5xx'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });

  it('disables the webhook when the receiver answers 410 Gone', async () => {
    await withWebhook('web-gone');
    answerWith = 410;

    const response = await deliver(true, message('web-gone'));
    await deliver(true, message('web-gone', '7507d033-bc76-5e9c-83da-0a13930f3adf'));

    expect(response.batchItemFailures).toEqual([]);
    expect((await store.findPreferences('web-gone')).webhookDisabledAt).not.toBeNull();
    expect(received).toHaveLength(1);
  });

  it('refuses to call a loopback address under the deployed policy', async () => {
    await withWebhook('web-private');

    const response = await deliver(false, message('web-private'));

    expect(response.batchItemFailures).toEqual([]);
    expect(received).toEqual([]);
  });
});
