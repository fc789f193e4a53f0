import { DynamoDbLocalStartError, startDynamoDbLocal } from './dynamoDbLocal';

/** Starts one DynamoDB Local for the integration test run; tests read its endpoint from DYNAMODB_LOCAL_ENDPOINT. */
export default async function globalSetup(): Promise<void> {
  const db = await startDynamoDbLocal().catch((error: unknown) => {
    // No Java, or one older than 17: one line saying what to do, not a stack trace; no test can run.
    if (!(error instanceof DynamoDbLocalStartError)) throw error;
    process.stderr.write(`\n${error.message}\n`);
    process.exit(1);
  });
  process.env.DYNAMODB_LOCAL_ENDPOINT = db.endpoint;
  (globalThis as { __spendwiseDynamoDb?: typeof db }).__spendwiseDynamoDb = db;
}
