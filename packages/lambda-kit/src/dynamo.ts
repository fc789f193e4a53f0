import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traceClient } from './observability';

/**
 * The function's one DynamoDB client, created at cold start and traced. The endpoint comes from the standard
 * AWS_ENDPOINT_URL(_DYNAMODB) variables, so the same bundle runs on AWS and on the local cloud.
 */
export const dynamoDocumentClient = DynamoDBDocumentClient.from(traceClient(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
