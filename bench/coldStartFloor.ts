/**
 * The floor of `pnpm bench:cold-start`: the least a function of this design runs. An HTTP handler that reads one
 * item with the DynamoDB document client (`@aws-sdk/client-dynamodb` and `@aws-sdk/lib-dynamodb`, the client
 * every service uses), with no validation, logging, metrics, tracing or middleware. The bench bundles it as the
 * services' functions are bundled and times it beside them, so each function's ratios read against what the SDK
 * client alone costs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const { Item } = await documents.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.pathParameters?.id ?? 'floor' } }),
  );
  return {
    statusCode: Item ? 200 : 404,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Item ?? { code: 'NOT_FOUND' }),
  };
};
