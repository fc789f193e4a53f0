import type { DynamoDbLocal } from './dynamoDbLocal';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __spendwiseDynamoDb?: DynamoDbLocal }).__spendwiseDynamoDb?.stop();
}
