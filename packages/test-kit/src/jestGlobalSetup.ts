import { startDynamoDbLocal } from './dynamoDbLocal';

/** Starts one DynamoDB Local for the integration test run; tests read its endpoint from DYNAMODB_LOCAL_ENDPOINT. */
export default async function globalSetup(): Promise<void> {
  const db = await startDynamoDbLocal();
  process.env.DYNAMODB_LOCAL_ENDPOINT = db.endpoint;
  (globalThis as { __spendwiseDynamoDb?: typeof db }).__spendwiseDynamoDb = db;
}
