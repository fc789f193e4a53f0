import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EventPublishError, everyEvent } from '@spendwise/contracts';
import { expenseDeleted } from '../tests/events';
import { buildOutboxStore } from './outboxStore';
import {
  buildOutboxPublisher,
  outboxDynamoClient,
  outboxEventBridgeClient,
  RELAY_CALL_TIMEOUT_MS,
  RELAY_PUBLISH_ATTEMPTS,
  relayRequestHandler,
} from './relayPublisher';

/** A loopback EventBridge that fails every PutEvents call the way it is told to, and counts the calls. */
let server: Server;
let endpoint: string;
let calls = 0;
let answer: { status: number; type: string } = { status: 500, type: 'InternalException' };

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      calls++;
      response.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': answer.type,
      });
      response.end(JSON.stringify({ __type: answer.type, message: 'failing on purpose' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  calls = 0;
});

const publisher = () =>
  buildOutboxPublisher(
    outboxEventBridgeClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    { busName: 'spendwise-test', events: everyEvent(), sleep: async () => {} },
  );

describe('the outbox publisher against a failing bus', () => {
  it.each([
    ['a 500', { status: 500, type: 'InternalException' }],
    ['throttling', { status: 400, type: 'ThrottlingException' }],
  ])(
    'a bus answering with %s gets exactly 4 PutEvents calls: the publisher attempts, no SDK retries under them',
    async (_, failure) => {
      answer = failure;

      await expect(publisher().publish([expenseDeleted()])).rejects.toBeInstanceOf(EventPublishError);

      expect(calls).toBe(RELAY_PUBLISH_ATTEMPTS);
      expect(RELAY_PUBLISH_ATTEMPTS).toBe(4);
    },
  );
});

describe('the relay’s clients', () => {
  /** A loopback endpoint that accepts every request and never answers it. */
  let silent: Server;
  let silentEndpoint: string;
  let received = 0;
  beforeAll(async () => {
    silent = createServer((request) => {
      received++;
      request.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentEndpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        silent.closeAllConnections();
        silent.close(() => resolve());
      }),
  );

  const config = (endpoint: string) => ({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  it('bound every call by RELAY_CALL_TIMEOUT_MS by default, instead of waiting for the function’s timeout', async () => {
    const handler = await outboxEventBridgeClient(config(silentEndpoint)).config.requestHandler;
    const dynamoHandler = await outboxDynamoClient(config(silentEndpoint)).config.requestHandler;

    for (const configured of [handler, dynamoHandler]) {
      const settings = await (
        configured as unknown as { configProvider: Promise<{ requestTimeout?: number }> }
      ).configProvider;
      expect(settings.requestTimeout).toBe(RELAY_CALL_TIMEOUT_MS);
    }
  });

  it('give up on an unanswered PutEvents with a retryable TimeoutError, so the publisher retries it', async () => {
    received = 0;
    const client = outboxEventBridgeClient({
      ...config(silentEndpoint),
      requestHandler: relayRequestHandler(200),
    });
    const sleeps: number[] = [];
    const publisher = buildOutboxPublisher(client, {
      busName: 'spendwise-test',
      events: everyEvent(),
      sleep: async (ms) => void sleeps.push(ms),
    });

    const failure = await publisher.publish([expenseDeleted()]).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(EventPublishError);
    // The timed-out attempt's error code (the SDK's TimeoutError carries Node's ETIMEDOUT).
    expect((failure as EventPublishError).failures[0]?.errorCode).toBe('ETIMEDOUT');
    expect(received).toBe(RELAY_PUBLISH_ATTEMPTS);
  });

  it('retry an unanswered outbox read with the SDK’s attempts, each bounded', async () => {
    received = 0;
    const client = outboxDynamoClient({
      ...config(silentEndpoint),
      requestHandler: relayRequestHandler(200),
    });
    const store = buildOutboxStore(client, { tableName: 'spendwise-test' });

    await expect(store.findPendingOutbox(['event-1'])).rejects.toMatchObject({ name: 'TimeoutError' });
    // Sent again after the first attempt timed out: the SDK retries timeouts (its attempts and its own timing).
    expect(received).toBeGreaterThan(1);
  });
});
