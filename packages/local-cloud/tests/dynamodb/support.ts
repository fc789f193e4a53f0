import { randomUUID } from 'node:crypto';
import type { ResolvedResource } from '../../src/core/resources';
import { DynamoDbEngine } from '../../src/dynamodb/engine';
import { dynamoDbCall } from '../../src/dynamodb/wire';
import { fakeCloud } from '../../src/testing/fakeCloud';

/** The DynamoDB Local jest's global setup started. */
export function localEndpoint(): string {
  const endpoint = process.env.DYNAMODB_LOCAL_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_LOCAL_ENDPOINT is not set: run integration tests through jest');
  return endpoint;
}

/** A unique table name, so parallel test files sharing DynamoDB Local never meet. */
export const uniqueTableName = (prefix: string) => `${prefix}-${randomUUID()}`;

export const resourceOf = (
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
): ResolvedResource => ({
  stack: 'expenses',
  stackDir: '/repo/services/expenses',
  logicalId,
  type,
  properties,
});

/** An engine with short timings and a fake cloud around it (in memory: no checkpoint files). */
export function streamHarness(ttlNow?: () => number) {
  const endpoint = localEndpoint();
  const engine = new DynamoDbEngine({
    endpoint,
    ...(ttlNow ? { ttlNow } : {}),
    ttlSweepIntervalSeconds: 3600,
    timings: { pollIntervalMs: 20, discoveryIntervalMs: 200, retryBaseDelayMs: 5 },
  });
  const fake = fakeCloud({ inMemory: true, stage: 'dev' });
  const [tables, mappings] = engine.providers as [(typeof engine.providers)[0], (typeof engine.providers)[0]];
  return { engine, call: dynamoDbCall(endpoint), tables, mappings, ...fake };
}

/** A table like the expenses table: PK/SK, NEW_IMAGE stream, TTL on expiresAt. */
export function streamTableProperties(tableName: string): Record<string, unknown> {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  };
}

/** Polls `check` until it returns true or the time is up. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
