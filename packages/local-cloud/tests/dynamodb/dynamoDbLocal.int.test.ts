import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startDynamoDbLocal } from '../../src/dynamodb/dynamoDbLocal';
import { dynamoDbCall } from '../../src/dynamodb/wire';

describe('startDynamoDbLocal', () => {
  it('keeps tables under <dataDir>/dynamodb across a stop and a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-'));
    try {
      const first = await startDynamoDbLocal({ dataDir });
      await dynamoDbCall(first.endpoint)('CreateTable', {
        TableName: 'kept-table',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      });
      await first.stop();

      const second = await startDynamoDbLocal({ dataDir });
      const { TableNames } = await dynamoDbCall(second.endpoint)<{ TableNames: string[] }>('ListTables', {});
      await second.stop();

      expect(TableNames).toEqual(['kept-table']);
      expect(existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'))).toBe(true);
      await expect(fetch(second.endpoint)).rejects.toThrow();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
