import { describe, expect, it } from '@jest/globals';
import { deployedStackOf, type TestResource } from '../testing/deployedStack';
import { Authorizer, allowingStatement } from './authorize';
import { collectPolicies } from './policies';

const where = { region: 'eu-west-1', accountId: '000000000000' };
const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:000000000000:${resource}`;
const roleArn = 'arn:aws:iam::000000000000:role/fn-role';
const table = arn('dynamodb', 'table/expenses');
const queue = arn('sqs', 'spending');
const rule = arn('events', 'rule/spendwise-dev/to-spending');
const stack = (resources: Record<string, TestResource>) => deployedStackOf(resources, 'accepted');

const statements = [
  {
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:Query'],
    Resource: [table, `${table}/index/*`],
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USER#alice*'] } },
  },
  { Effect: 'Allow', Action: 'dynamodb:*', Resource: table },
  { Sid: 'NoDeletes', Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: '*' },
  { Effect: 'Allow', NotAction: ['sqs:DeleteQueue', 'sqs:Purge*'], Resource: queue },
  { Effect: 'Allow', Action: 'ssm:GetParameter*', NotResource: arn('ssm', 'parameter/secret/*') },
];

const authorizer = new Authorizer(
  collectPolicies(
    [
      stack({
        FnRole: {
          type: 'AWS::IAM::Role',
          ref: 'fn-role',
          attributes: { Arn: roleArn },
          properties: {
            Policies: [
              { PolicyName: 'fn', PolicyDocument: { Version: '2012-10-17', Statement: statements } },
            ],
          },
        },
        QueuePolicy: {
          type: 'AWS::SQS::QueuePolicy',
          ref: 'qp',
          properties: {
            Queues: ['http://127.0.0.1:4566/000000000000/spending'],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'FromRules',
                  Effect: 'Allow',
                  Principal: { Service: 'events.amazonaws.com' },
                  Action: 'sqs:SendMessage',
                  Resource: queue,
                  Condition: { ArnLike: { 'aws:SourceArn': arn('events', 'rule/spendwise-dev/*') } },
                },
                {
                  Sid: 'TlsOnly',
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 'sqs:*',
                  Resource: queue,
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            },
          },
        },
      }),
    ],
    where,
  ),
  where,
);

const decide = async (action: string, resource: string, context = {}, principal = roleArn) =>
  (await authorizer.authorize({ principal, action, resource, context })).decision;

describe('authorize', () => {
  it('allows what a statement allows and nothing else', async () => {
    expect(await decide('dynamodb:PutItem', table)).toBe('allow');
    expect(await decide('dynamodb:PutItem', arn('dynamodb', 'table/other'))).toBe('implicit-deny');
  });

  it('lets an explicit deny win over any allow, and names the statement', async () => {
    const decision = await authorizer.authorize({
      principal: roleArn,
      action: 'dynamodb:DeleteItem',
      resource: table,
    });
    expect(decision).toMatchObject({
      decision: 'deny',
      statements: [{ kind: 'identity', sid: 'NoDeletes', policy: 'test/FnRole/fn' }],
    });
    expect(decision.explanation).toContain(
      'explicitly denied by identity policy test/FnRole/fn statement NoDeletes',
    );
  });

  it('honours NotAction and NotResource', async () => {
    expect(await decide('sqs:SendMessage', queue)).toBe('allow');
    expect(await decide('sqs:PurgeQueue', queue)).toBe('implicit-deny');
    expect(await decide('ssm:GetParameter', arn('ssm', 'parameter/spendwise/dev/a'))).toBe('allow');
    expect(await decide('ssm:GetParameters', arn('ssm', 'parameter/secret/a'))).toBe('implicit-deny');
  });

  it('covers an index only where the resource names it, and checks dynamodb:LeadingKeys', async () => {
    const index = `${table}/index/byMonth`;
    expect(await decide('dynamodb:Query', index, { 'dynamodb:LeadingKeys': ['USER#alice'] })).toBe('allow');
    expect(await decide('dynamodb:Query', index, { 'dynamodb:LeadingKeys': ['USER#bob'] })).toBe(
      'implicit-deny',
    );
    expect(await decide('dynamodb:Scan', index)).toBe('implicit-deny');
  });

  it("authorises a service principal by the resource policy and the request's aws:SourceArn", async () => {
    expect(await decide('sqs:SendMessage', queue, { 'aws:SourceArn': rule }, 'events.amazonaws.com')).toBe(
      'allow',
    );
    expect(
      await decide(
        'sqs:SendMessage',
        queue,
        { 'aws:SourceArn': arn('events', 'rule/other/r') },
        'events.amazonaws.com',
      ),
    ).toBe('implicit-deny');
    expect(await decide('sqs:SendMessage', queue, { 'aws:SourceArn': rule }, 'sns.amazonaws.com')).toBe(
      'implicit-deny',
    );
  });

  it('treats the local endpoint as HTTPS unless told otherwise (aws:SecureTransport)', async () => {
    expect(await decide('sqs:SendMessage', queue)).toBe('allow');
    expect(await decide('sqs:SendMessage', queue, { 'aws:SecureTransport': 'false' })).toBe('deny');
  });

  it('gives the developer full access and a role no stack defines none', async () => {
    expect(await decide('dynamodb:DeleteTable', table, {}, 'admin')).toBe('allow');
    expect(await decide('dynamodb:GetItem', table, {}, 'arn:aws:iam::000000000000:role/unknown')).toBe(
      'implicit-deny',
    );
  });

  it('reports a request the simulator cannot evaluate as denied, with the reason', async () => {
    const decision = await authorizer.authorize({
      principal: roleArn,
      action: 'dynamodb:Frobnicate',
      resource: table,
    });
    expect(decision).toMatchObject({
      decision: 'implicit-deny',
      error: expect.stringContaining('invalid.action'),
    });
  });

  it('authorises all checks of a request: the first denial decides', async () => {
    const decision = await authorizer.authorizeAll(roleArn, [
      { action: 'dynamodb:PutItem', resource: table, context: {} },
      { action: 'dynamodb:DeleteItem', resource: table, context: {} },
    ]);
    expect(decision).toMatchObject({ decision: 'deny', check: { action: 'dynamodb:DeleteItem' } });
  });
});

describe('allowingStatement', () => {
  it('gives a role the identity statement, a service the resource-policy statement with its source', () => {
    expect(allowingStatement({ action: 'sqs:SendMessage', resource: queue, context: {} }, roleArn)).toEqual({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: queue,
    });
    expect(
      allowingStatement(
        { action: 'sqs:SendMessage', resource: queue, context: { 'aws:SourceArn': rule } },
        'events.amazonaws.com',
      ),
    ).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queue,
      Condition: { ArnEquals: { 'aws:SourceArn': rule } },
    });
  });
});
