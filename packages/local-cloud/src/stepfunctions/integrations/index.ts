import { bedrockInvokeModel } from './bedrock';
import { dynamoDbDeleteItem, dynamoDbGetItem, dynamoDbPutItem, dynamoDbUpdateItem } from './dynamodb';
import { lambdaInvoke } from './lambda';
import { eventsPutEvents, snsPublish, sqsSendMessage } from './messaging';
import type { SUPPORTED_INTEGRATIONS } from './resource';
import type { Integration } from './types';

export { invokeFunction } from './lambda';
export { classifyResource, SUPPORTED_INTEGRATIONS, type TaskResource } from './resource';
export type { Integration, IntegrationDeps, ModelInvoker } from './types';

/** The optimized integrations by `service:api`. */
export const INTEGRATIONS: Record<(typeof SUPPORTED_INTEGRATIONS)[number], Integration> = {
  'lambda:invoke': lambdaInvoke,
  'bedrock:invokeModel': bedrockInvokeModel,
  'events:putEvents': eventsPutEvents,
  'sns:publish': snsPublish,
  'sqs:sendMessage': sqsSendMessage,
  'dynamodb:getItem': dynamoDbGetItem,
  'dynamodb:putItem': dynamoDbPutItem,
  'dynamodb:updateItem': dynamoDbUpdateItem,
  'dynamodb:deleteItem': dynamoDbDeleteItem,
};
