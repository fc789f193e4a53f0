import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { localCredentials } from '../src/dynamoDbLocal';

describe('DynamoDB Local started by the integration setup', () => {
  it('answers on the endpoint the setup exports', async () => {
    const endpoint = process.env.DYNAMODB_LOCAL_ENDPOINT;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });

    const answer = client.send(new DescribeTableCommand({ TableName: 'no-such-table' }));

    await expect(answer).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    client.destroy();
  });
});
