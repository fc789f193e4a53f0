import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sqsEventConsumer } from '../../src/sqs';
import { lambdaContext, sqsEvent } from '../../src/testing';
import { expenseRecorded, parseTestEvent, type TestDomainEvent } from '../fixtures/events';
import { type CapturedOutput, captureOutput, testObservability } from '../fixtures/observability';

// The idempotency table as a service declares it: partition key `id`, TTL on `expiration`.
const tableName = `lambda-kit-idempotency-${process.pid}`;
let client: DynamoDBClient;
let output: CapturedOutput;

beforeAll(async () => {
  client = new DynamoDBClient({
    endpoint: process.env.DYNAMODB_LOCAL_ENDPOINT,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
});
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
});

describe('sqsEventConsumer with the DynamoDB persistence layer', () => {
  it('applies an event redelivered in a later batch only once and stores one record for it', async () => {
    const applied: string[] = [];
    const handler = sqsEventConsumer({
      parse: parseTestEvent,
      handle: (event: TestDomainEvent) => {
        applied.push(event.detail.metadata.eventId);
      },
      idempotency: { tableName, client },
      observability: testObservability(),
    });

    await handler(
      sqsEvent([{ body: expenseRecorded('evt-1') }, { body: expenseRecorded('evt-2') }]),
      lambdaContext(),
    );
    const redelivery = await handler(sqsEvent([{ body: expenseRecorded('evt-1') }]), lambdaContext());

    expect(applied).toEqual(['evt-1', 'evt-2']);
    expect(redelivery.batchItemFailures).toEqual([]);
    const { Items } = await client.send(new ScanCommand({ TableName: tableName }));
    expect(Items?.map((item) => item.status?.S)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('releases the claim of an event whose handler failed, so a redelivery applies it', async () => {
    let failing = true;
    const applied: string[] = [];
    const handler = sqsEventConsumer({
      parse: parseTestEvent,
      handle: (event: TestDomainEvent) => {
        if (failing) throw new Error('downstream unavailable');
        applied.push(event.detail.metadata.eventId);
      },
      idempotency: { tableName, client },
      observability: testObservability(),
    });
    const first = await handler(sqsEvent([{ body: expenseRecorded('evt-9') }]), lambdaContext());
    failing = false;

    const second = await handler(sqsEvent([{ body: expenseRecorded('evt-9') }]), lambdaContext());

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(second.batchItemFailures).toEqual([]);
    expect(applied).toEqual(['evt-9']);
  });
});
