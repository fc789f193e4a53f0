/**
 * DynamoDB Local for tests: the same launcher the local cloud uses (one implementation of starting the jar),
 * plus the credentials every test client signs with.
 */
export {
  type DynamoDbLocalProcess as DynamoDbLocal,
  DynamoDbLocalStartError,
  freePort,
  startDynamoDbLocal,
} from '@spendwise/local-cloud/dynamodb/dynamoDbLocal';

/** Credentials DynamoDB Local accepts; it runs with -sharedDb, so every caller sees the same tables. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
