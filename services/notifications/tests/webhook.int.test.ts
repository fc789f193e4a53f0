import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { buildPreferencesStore } from '../src/adapters/preferencesStore';
import { postWebhook } from '../src/adapters/webhookHttp';
import { defaultPreferences } from '../src/domain/preferences';
import { verifyWebhookSignature } from '../src/domain/signature';
import type { WebhookPolicy } from '../src/domain/webhookUrl';
import { deliverWebhookHandler } from '../src/functions/deliverWebhook/deliverWebhook';
import { cal, freshNotificationsTable } from './support';

const occurredAt = cal.at(-60);

// deliverWebhook against a real HTTP server on loopback (allowed only by the local-development policy),
// with the preferences in DynamoDB Local. The receiver checks the signature with the published helper.
const SECRET = 'whsec_test-secret-for-the-receiver';
let table: Awaited<ReturnType<typeof freshNotificationsTable>>;
let store: ReturnType<typeof buildPreferencesStore>;
let server: Server;
let url: string;
let answerWith = 204;
const received: {
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  slowRequestsEnded: number;
}[] = [];

// A slow receiver: it answers 200 at once, then trickles its body a byte at a time and never ends it, so no
// idle timeout ever fires; only a deadline over the whole exchange ends the delivery.
let slowServer: Server;
let slowUrl: string;
let slowRequestsEnded = 0;
const slowResponses = new Set<ServerResponse>();

const listen = async (target: Server) => {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  return (target.address() as AddressInfo).port;
};

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
        slowRequestsEnded,
      });
      res.writeHead(answerWith).end();
    });
  });
  url = `http://127.0.0.1:${await listen(server)}/hooks/spendwise`;
  slowServer = createServer((req, res) => {
    slowResponses.add(res);
    const trickle = setInterval(() => res.write('.'), 100);
    res.on('close', () => {
      clearInterval(trickle);
      slowResponses.delete(res);
      slowRequestsEnded += 1;
    });
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('.');
  });
  slowUrl = `http://127.0.0.1:${await listen(slowServer)}/hooks/slow`;
});

afterAll(async () => {
  for (const res of slowResponses) res.destroy();
  await Promise.all([
    new Promise((resolve) => server.close(resolve)),
    new Promise((resolve) => slowServer.close(resolve)),
  ]);
  table.client.destroy();
});

beforeEach(() => {
  received.length = 0;
  answerWith = 204;
});

/** The local-development policy: http and loopback on any port (the test servers' ports are random). */
const LOCAL_DEV: WebhookPolicy = { allowInsecure: true, allowPrivateNetworks: true, allowedPorts: 'any' };

const consumer = (policy: WebhookPolicy, deadlineMs = 5_000) =>
  deliverWebhookHandler({
    ...store,
    resolveHost: async () => ['127.0.0.1'],
    post: postWebhook,
    policy,
    deadlineMs,
    now: () => new Date(),
    idempotency: false,
  });

const withWebhook = async (userId: string, webhookUrl = url) => {
  await store.savePreferences(
    { ...defaultPreferences(userId), webhookUrl, webhookSecret: SECRET, version: 1 },
    0,
    null,
  );
};

/** The deliverWebhook function's timeout (serverless.yml): past it Lambda fails every record of the batch. */
const FUNCTION_TIMEOUT_MS = 15_000;

/**
 * Invokes the consumer as Lambda does, function timeout included: an invocation that runs out of time answers
 * nothing, and SQS retries its whole batch.
 */
const invokeWithinTimeout = async (handler: ReturnType<typeof consumer>, event: SQSEvent) => {
  const startedAt = Date.now();
  const timedOut = AbortSignal.timeout(FUNCTION_TIMEOUT_MS);
  const context = lambdaContext({
    getRemainingTimeInMillis: () => FUNCTION_TIMEOUT_MS - (Date.now() - startedAt),
  });
  return Promise.race([
    handler(event, context) as Promise<SQSBatchResponse>,
    new Promise<never>((_, reject) =>
      timedOut.addEventListener('abort', () =>
        reject(new Error('the invocation timed out: SQS would retry every record of the batch')),
      ),
    ),
  ]);
};

const message = (userId: string, id = '6507d033-bc76-5e9c-83da-0a13930f3adf') => ({
  id,
  userId,
  sourceEventId: 'source-1',
  type: 'BudgetThresholdReached',
  severity: 'critical',
  title: 'Budget exceeded: dining',
  message: `You have spent €189.90 of your €150.00 dining budget for ${cal.previousMonth} (100% threshold).`,
  occurredAt,
  data: { categoryId: 'dining' },
});

const deliver = async (policy: WebhookPolicy, body: unknown) =>
  (await consumer(policy)(sqsEvent([{ body, messageId: 'm-1' }]), lambdaContext())) as SQSBatchResponse;

describe('webhook deliveries', () => {
  it('POSTs the alert with a signature the receiver verifies and the event id header', async () => {
    await withWebhook('web-ok');

    const response = await deliver(LOCAL_DEV, message('web-ok'));

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
      occurredAt,
      data: { categoryId: 'dining' },
    });
  });

  it('fails the record on a 5xx so that SQS retries it', async () => {
    await withWebhook('web-5xx');
    answerWith = 503;

    const response = await deliver(LOCAL_DEV, message('web-5xx'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });

  it('disables the webhook when the receiver answers 410 Gone', async () => {
    await withWebhook('web-gone');
    answerWith = 410;

    const response = await deliver(LOCAL_DEV, message('web-gone'));
    await deliver(LOCAL_DEV, message('web-gone', '7507d033-bc76-5e9c-83da-0a13930f3adf'));

    expect(response.batchItemFailures).toEqual([]);
    expect((await store.findPreferences('web-gone')).webhookDisabledAt).not.toBeNull();
    expect(received).toHaveLength(1);
  });

  it('refuses to call a loopback address under the deployed policy', async () => {
    await withWebhook('web-private');

    const response = await deliver({ ...LOCAL_DEV, allowPrivateNetworks: false }, message('web-private'));

    expect(response.batchItemFailures).toEqual([]);
    expect(received).toEqual([]);
  });

  it('refuses, at delivery, a receiver on a port the stage does not allow', async () => {
    await withWebhook('web-port');

    const response = await deliver({ ...LOCAL_DEV, allowedPorts: [443, 80] }, message('web-port'));

    expect(response.batchItemFailures).toEqual([]);
    expect(received).toEqual([]);
  });

  it('delivers the rest of a batch while one receiver is slow, and fails only the slow one', async () => {
    const users = ['web-slow', 'web-b1', 'web-b2', 'web-b3', 'web-b4'];
    await withWebhook('web-slow', slowUrl);
    await Promise.all(users.slice(1).map((user) => withWebhook(user)));
    const ids = users.map((_, i) => `8507d033-bc76-5e9c-83da-0a13930f3a${String(i).padStart(2, '0')}`);
    const batch = sqsEvent(users.map((user, i) => ({ body: message(user, ids[i]), messageId: `m-${user}` })));
    const endedBefore = slowRequestsEnded;

    const response = await invokeWithinTimeout(consumer(LOCAL_DEV, 3_000), batch);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-web-slow' }]);
    expect(received.map((r) => r.headers['spendwise-event-id']).sort()).toEqual(ids.slice(1).sort());
    expect(received.every((r) => r.verified)).toBe(true);
    // Delivered before the slow receiver's exchange ended: the records did not wait for the one before them.
    expect(received.map((r) => r.slowRequestsEnded)).toEqual(Array(4).fill(endedBefore));
  });

  it('retries the slow record alone, and delivers it once its receiver answers', async () => {
    const id = '9507d033-bc76-5e9c-83da-0a13930f3adf';
    await withWebhook('web-recovers', slowUrl);
    const retry = () =>
      invokeWithinTimeout(
        consumer(LOCAL_DEV, 1_500),
        sqsEvent([{ body: message('web-recovers', id), messageId: 'm-again', receiveCount: 2 }]),
      );

    const stillSlow = await retry();
    await store.savePreferences(
      { ...(await store.findPreferences('web-recovers')), webhookUrl: url, version: 2 },
      1,
      null,
    );
    const recovered = await retry();

    expect(stillSlow.batchItemFailures).toEqual([{ itemIdentifier: 'm-again' }]);
    expect(recovered.batchItemFailures).toEqual([]);
    expect(received.map((r) => r.headers['spendwise-event-id'])).toEqual([id]);
  });
});
