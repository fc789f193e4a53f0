import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { serviceTaskError } from '../taskError';
import type { Integration } from './types';

type Send = (client: DynamoDBClient, parameters: Record<string, unknown>) => Promise<{ $metadata?: unknown }>;

/** Builds `arn:aws:states:::dynamodb:<api>`: parameters are the API's input (DynamoDB JSON), errors `DynamoDB.*`. */
const dynamoDbTask =
  (send: Send): Integration =>
  async (parameters, { dynamoDb }) => {
    try {
      const { $metadata: _metadata, ...output } = await send(dynamoDb(), parameters);
      return output;
    } catch (error) {
      throw serviceTaskError('DynamoDB', error);
    }
  };

// The SDK commands take the API's own input shape, which is what the task's Parameters are.
type AnyInput = never;

export const dynamoDbGetItem = dynamoDbTask((c, p) => c.send(new GetItemCommand(p as AnyInput)));
export const dynamoDbPutItem = dynamoDbTask((c, p) => c.send(new PutItemCommand(p as AnyInput)));
export const dynamoDbUpdateItem = dynamoDbTask((c, p) => c.send(new UpdateItemCommand(p as AnyInput)));
export const dynamoDbDeleteItem = dynamoDbTask((c, p) => c.send(new DeleteItemCommand(p as AnyInput)));
