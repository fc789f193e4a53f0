import { startDynamoDbLocal } from './packages/local-cloud/src/dynamodb/dynamoDbLocal';
const t = Date.now(); const p = performance.now();
const db = await startDynamoDbLocal({});
console.log('started in', Math.round(performance.now() - p), 'ms (wall clock says', Date.now() - t, ')', new Date().toISOString());
await db.stop();
