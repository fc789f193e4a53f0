import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalCloud } from '../../core/context';

/**
 * What `arn:aws:states:::bedrock:invokeModel` calls: the local model's InvokeModel with a parsed body, resolving
 * to the parsed response body. Errors carry the Bedrock error code in `code` (e.g. `ThrottlingException`).
 */
export interface ModelInvoker {
  invokeModel(modelId: string, body: unknown): Promise<unknown>;
}

/** Peers a task reaches, read at call time. */
export interface IntegrationDeps {
  ctx: LocalCloud;
  /** The DynamoDB client for `dynamodb:*` tasks (pointed at the local DynamoDB endpoint). */
  dynamoDb(): DynamoDBClient;
  model?: ModelInvoker;
}

/** One optimized service integration: the state's effective Parameters in, the task result out. */
export type Integration = (parameters: Record<string, unknown>, deps: IntegrationDeps) => Promise<unknown>;
