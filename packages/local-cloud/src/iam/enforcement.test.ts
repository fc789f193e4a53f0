import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { deployedStackOf } from '../testing/deployedStack';
import { accessKeyOf, functionCredentials } from './credentials';
import { IamEnforcement, type IamMode } from './enforcement';

const where = { region: 'eu-west-1', accountId: '000000000000' };
const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:000000000000:${resource}`;
const role = 'arn:aws:iam::000000000000:role/writer';
const table = arn('dynamodb', 'table/t');
const stream = `${table}/stream/2026-01-01T00:00:00.000`;
const queue = arn('sqs', 'tap');

const stacks = [
  deployedStackOf({
    Writer: {
      type: 'AWS::Lambda::Function',
      ref: 'writer',
      attributes: { Arn: arn('lambda', 'function:writer') },
      properties: { Role: role },
    },
    WriterRole: {
      type: 'AWS::IAM::Role',
      ref: 'writer-role',
      attributes: { Arn: role },
      properties: {
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: table },
                { Effect: 'Allow', Action: 'dynamodb:GetRecords', Resource: `${table}/stream/*` },
              ],
            },
          },
        ],
      },
    },
  }),
];

const enforcement = (mode: IamMode, log: string[] = []) => {
  const iam = new IamEnforcement(mode, where, {
    log: (line) => log.push(line),
    now: () => Date.UTC(2030, 0, 1),
  });
  iam.load(stacks);
  return iam;
};
const key = functionCredentials(where.accountId, 'writer').AccessKeyId;
const request = (operation: string, body: unknown, service = 'dynamodb'): AwsRequest => ({
  service,
  protocol: 'json',
  action: operation,
  target: `${service === 'dynamodb' && operation === 'GetRecords' ? 'DynamoDBStreams_20120810' : 'DynamoDB_20120810'}.${operation}`,
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: { authorization: `AWS4-HMAC-SHA256 Credential=${key}/20300101/eu-west-1/dynamodb/aws4_request` },
  body: Buffer.from(JSON.stringify(body)),
  http2: false,
});

describe('IamEnforcement', () => {
  it("maps a function's access key to its role, any other key to the developer", () => {
    const iam = enforcement('enforce');

    expect(accessKeyOf(request('PutItem', {}).headers)).toBe(key);
    expect(iam.callerOf(key)).toEqual({ principal: role, caller: 'function writer', session: 'writer' });
    expect(iam.callerOf('local')).toEqual({ principal: 'admin', caller: 'the developer' });
    expect(iam.credentials('writer')).toEqual(functionCredentials(where.accountId, 'writer'));
    expect(iam.credentials('nope')).toBeUndefined();
  });

  it('answers a denied call with the service error in enforce mode, and records it with the allowing statement', async () => {
    const log: string[] = [];
    const iam = enforcement('enforce', log);

    await expect(iam.authorizeRequest(request('PutItem', { TableName: 't' }), key)).resolves.toBeUndefined();
    await expect(iam.authorizeRequest(request('DeleteItem', { TableName: 't' }), key)).rejects.toMatchObject({
      code: 'AccessDeniedException',
      status: 400,
    });
    await expect(iam.authorizeRequest(request('DeleteItem', { TableName: 't' }), key)).rejects.toThrow(
      /assumed-role\/writer\/writer is not authorized to perform: dynamodb:DeleteItem/,
    );
    await expect(
      iam.authorizeRequest(request('DeleteItem', { TableName: 't' }), 'local'),
    ).resolves.toBeUndefined();

    expect(iam.denials()).toEqual([
      expect.objectContaining({
        at: '2030-01-01T00:00:00.000Z',
        count: 2,
        enforced: true,
        caller: 'function writer',
        action: 'dynamodb:DeleteItem',
        resource: table,
        allowingStatement: { Effect: 'Allow', Action: 'dynamodb:DeleteItem', Resource: table },
      }),
    ]);
    expect(log).toHaveLength(1);
  });

  it('lets a would-be denial through in report mode, and evaluates nothing when off', async () => {
    const report = enforcement('report');
    const off = enforcement('off');
    const deleteItem = request('DeleteItem', { TableName: 't' });

    await expect(report.authorizeRequest(deleteItem, key)).resolves.toBeUndefined();
    await expect(off.authorizeRequest(deleteItem, key)).resolves.toBeUndefined();
    expect(report.denials()).toEqual([
      expect.objectContaining({ enforced: false, action: 'dynamodb:DeleteItem' }),
    ]);
    expect(off.denials()).toEqual([]);
  });

  it('authorises GetRecords on the stream an opaque DynamoDB Local iterator was handed out for', async () => {
    const iam = enforcement('enforce');
    iam.observeStreamAnswer('GetShardIterator', { StreamArn: stream }, { ShardIterator: 'opaque-1' });
    iam.observeStreamAnswer('GetRecords', { ShardIterator: 'opaque-1' }, { NextShardIterator: 'opaque-2' });

    await expect(
      iam.authorizeRequest(request('GetRecords', { ShardIterator: 'opaque-2' }), key),
    ).resolves.toBeUndefined();
    // An iterator of another table's stream is refused: the role reads t's stream only.
    iam.observeStreamAnswer(
      'GetShardIterator',
      { StreamArn: arn('dynamodb', 'table/other/stream/2026-01-01T00:00:00.000') },
      { ShardIterator: 'opaque-other' },
    );
    await expect(
      iam.authorizeRequest(request('GetRecords', { ShardIterator: 'opaque-other' }), key),
    ).rejects.toThrow(
      /dynamodb:GetRecords on resource: arn:aws:dynamodb:eu-west-1:000000000000:table\/other\/stream/,
    );
  });

  it("reads a queue's run-time Policy for a delivery to a queue no stack gives a policy", async () => {
    const iam = enforcement('enforce');
    let policy: string | undefined;
    iam.useLivePolicies(() => policy);
    const delivery = {
      principal: 'sns.amazonaws.com',
      target: queue,
      source: arn('sns', 't'),
      caller: 'tap',
    };

    expect((await iam.authorizeDelivery(delivery))?.error.code).toBe('AccessDenied');
    policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: queue,
          Condition: { ArnEquals: { 'aws:SourceArn': arn('sns', 't') } },
        },
      ],
    });
    expect(await iam.authorizeDelivery(delivery)).toBeUndefined();
    expect((await iam.authorizeDelivery({ ...delivery, source: arn('sns', 'other') }))?.error.code).toBe(
      'AccessDenied',
    );
  });
});

describe('IamEnforcement and the CloudWatch Logs resource policies', () => {
  const rule = arn('events', 'rule/bus/audit');
  const group = arn('logs', 'log-group:/aws/events/bus/audit:*');
  const logStacks = (actions: string[]) => [
    deployedStackOf({
      AuditLogGroupPolicy: {
        type: 'AWS::Logs::ResourcePolicy',
        ref: 'audit-delivery',
        // As the deployer keeps it: the Fn::Sub of the template resolved to a JSON string.
        properties: {
          PolicyName: 'audit-delivery',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
                Action: actions,
                Resource: group,
              },
            ],
          }),
        },
      },
    }),
  ];
  const delivery = {
    principal: 'events.amazonaws.com',
    target: group,
    source: rule,
    caller: `rule ${rule} → ${group}`,
    stream: 'event-1',
  };

  it("allows a rule's delivery to a log group the account's Logs resource policy opens to EventBridge", async () => {
    const iam = new IamEnforcement('enforce', where);
    iam.load(logStacks(['logs:CreateLogStream', 'logs:PutLogEvents']));

    expect(await iam.authorizeDelivery(delivery)).toBeUndefined();
    expect(iam.denials()).toEqual([]);
  });

  it('denies it, naming the log stream, when the policy does not allow the write', async () => {
    const iam = new IamEnforcement('enforce', where);
    iam.load(logStacks(['logs:CreateLogStream']));

    const denial = await iam.authorizeDelivery(delivery);

    expect(denial?.error.code).toBe('AccessDeniedException');
    const stream = arn('logs', 'log-group:/aws/events/bus/audit:log-stream:event-1');
    expect(denial?.error.message).toBe(
      `User: events.amazonaws.com is not authorized to perform: logs:PutLogEvents on resource: ${stream} because no resource-based policy allows the logs:PutLogEvents action`,
    );
    expect(iam.denials()).toEqual([
      expect.objectContaining({
        caller: `rule ${rule} → ${group}`,
        action: 'logs:PutLogEvents',
        allowingStatement: {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'logs:PutLogEvents',
          Resource: stream,
          Condition: { ArnEquals: { 'aws:SourceArn': rule } },
        },
      }),
    ]);
  });
});

describe("IamEnforcement's check of an event source mapping as it is created", () => {
  const reader = 'arn:aws:iam::000000000000:role/reader';
  const readerFn = arn('lambda', 'function:reader');
  const source = arn('sqs', 'work');
  const stream = `${table}/stream/label`;
  const mappingStacks = (statements: Record<string, unknown>[]) => [
    deployedStackOf({
      Reader: {
        type: 'AWS::Lambda::Function',
        ref: 'reader',
        attributes: { Arn: readerFn },
        properties: { Role: reader },
      },
      ReaderRole: {
        type: 'AWS::IAM::Role',
        ref: 'reader-role',
        attributes: { Arn: reader },
        properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] },
      },
    }),
  ];
  const mapping = (EventSourceArn: string) => ({
    stack: 'test',
    stackDir: '.',
    logicalId: 'ReaderEventSourceMapping',
    type: 'AWS::Lambda::EventSourceMapping',
    properties: { EventSourceArn, FunctionName: readerFn },
    referencedBy: [],
  });
  const allow = (actions: string[], resource: string) => ({
    Effect: 'Allow',
    Action: actions,
    Resource: resource,
  });
  const sqsActions = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
  const streamActions = [
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:DescribeStream',
    'dynamodb:ListStreams',
  ];

  it("passes a role allowed what Lambda's poller calls, ListStreams named on the stream as osls writes it", async () => {
    const iam = new IamEnforcement('enforce', where);
    const stacks = mappingStacks([allow(sqsActions, source), allow(streamActions, stream)]);

    await expect(iam.checkCreation(mapping(source), stacks)).resolves.toBeUndefined();
    await expect(iam.checkCreation(mapping(stream), stacks)).resolves.toBeUndefined();
    expect(iam.denials()).toEqual([]);
  });

  it("refuses a queue mapping whose role may not delete, with Lambda's InvalidParameterValueException", async () => {
    const iam = new IamEnforcement('enforce', where);
    const stacks = mappingStacks([allow(['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], source)]);

    const created = iam.checkCreation(mapping(source), stacks);

    await expect(created).rejects.toMatchObject({ code: 'InvalidParameterValueException', status: 400 });
    await expect(iam.checkCreation(mapping(source), stacks)).rejects.toThrow(
      `The function execution role does not have permissions to call DeleteMessage on SQS (the role ${reader} may not sqs:DeleteMessage on ${source})`,
    );
    expect(iam.denials()).toEqual([
      expect.objectContaining({
        enforced: true,
        count: 2,
        caller: `creating event source mapping test/ReaderEventSourceMapping (${source} → ${readerFn})`,
        principal: reader,
        action: 'sqs:DeleteMessage',
        resource: source,
        allowingStatement: { Effect: 'Allow', Action: 'sqs:DeleteMessage', Resource: source },
      }),
    ]);
  });

  it('refuses a stream mapping whose role lacks ListStreams, in the words Lambda uses for streams', async () => {
    const iam = new IamEnforcement('enforce', where);
    const stacks = mappingStacks([allow(streamActions.slice(0, 3), stream)]);

    await expect(iam.checkCreation(mapping(stream), stacks)).rejects.toThrow(
      `Cannot access stream ${stream}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM. (the role ${reader} may not dynamodb:ListStreams on ${stream})`,
    );
  });

  it('records a would-be refusal and goes on in report mode; checks nothing when off', async () => {
    const log: string[] = [];
    const report = new IamEnforcement('report', where, { log: (line) => log.push(line) });
    const off = new IamEnforcement('off', where);
    const stacks = mappingStacks([allow(['sqs:DeleteMessage', 'sqs:GetQueueAttributes'], source)]);

    await expect(report.checkCreation(mapping(source), stacks)).resolves.toBeUndefined();
    await expect(off.checkCreation(mapping(source), stacks)).resolves.toBeUndefined();

    expect(report.denials()).toEqual([
      expect.objectContaining({ enforced: false, action: 'sqs:ReceiveMessage' }),
    ]);
    expect(log).toEqual([
      `IAM would deny (report mode): creating event source mapping test/ReaderEventSourceMapping (${source} → ${readerFn}): The function execution role does not have permissions to call ReceiveMessage on SQS`,
    ]);
    expect(off.denials()).toEqual([]);
  });
});
