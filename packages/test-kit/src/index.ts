export { type DynamoDbLocal, freePort, localCredentials, startDynamoDbLocal } from './dynamoDbLocal';
export { StreamReader } from './streams';
export { createTableFromDefinition, readTableDefinition } from './tables';
