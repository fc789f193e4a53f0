export { type DynamoDbLocal, freePort, localCredentials, startDynamoDbLocal } from './dynamoDbLocal';
export { createTableFromDefinition, readTableDefinition } from './tables';
