import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EventPublishError } from '@spendwise/contracts';
import { expenseDeleted } from '../tests/events';
import { buildOutboxPublisher, outboxEventBridgeClient, RELAY_PUBLISH_ATTEMPTS } from './relayPublisher';

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
    { busName: 'spendwise-test', sleep: async () => {} },
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
