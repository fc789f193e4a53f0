export { type TestCalendar, testCalendar } from './calendar';
export { type DynamoDbLocal, freePort, localCredentials, startDynamoDbLocal } from './dynamoDbLocal';
export { freshTable } from './freshTable';
export { httpSchemaId, PROBLEM_SCHEMA_ID, violationsOf } from './responseSchemas';
export { StreamReader } from './streams';
export { createTableFromDefinition, readTableDefinition } from './tables';
