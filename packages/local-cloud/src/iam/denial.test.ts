import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import type { DeployedStack } from '../deploy/template';
import { Authorizer } from './authorize';
import { callerName, denialOf } from './denial';
import { collectPolicies } from './policies';

const where = { region: 'eu-west-1', accountId: '000000000000' };
const role = 'arn:aws:iam::000000000000:role/spendwise-expenses-dev-createExpense-eu-west-1-lambdaRole';
const table = 'arn:aws:dynamodb:eu-west-1:000000000000:table/expenses';
const topic = 'arn:aws:sns:eu-west-1:000000000000:alerts';

const stack: DeployedStack = {
  name: 'expenses',
  stackName: 'spendwise-expenses-dev',
  skipped: [],
  outputs: {},
  resources: new Map([
    [
      'Role',
      {
        type: 'AWS::IAM::Role',
        handledBy: 'accepted',
        ref: 'r',
        attributes: { Arn: role },
        properties: {
          Policies: [
            {
              PolicyName: 'fn',
              PolicyDocument: {
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'sns:Publish'],
                    Resource: [table, topic],
                  },
                  { Sid: 'KeepRecords', Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: table },
                ],
              },
            },
          ],
        },
      },
    ],
  ]),
};
const authorizer = new Authorizer(collectPolicies([stack], where), where);

const json = (service: string, target: string, body: unknown): AwsRequest => ({
  service,
  protocol: 'json',
  action: target.split('.').pop()!,
  target,
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.from(JSON.stringify(body)),
  http2: false,
});

describe('denialOf', () => {
  it('lets an allowed request through and the developer always', async () => {
    const put = json('dynamodb', 'DynamoDB_20120810.PutItem', { TableName: 'expenses', Item: {} });
    expect(await denialOf(authorizer, role, put, where)).toBeUndefined();
    expect(
      await denialOf(
        authorizer,
        'admin',
        json('dynamodb', 'DynamoDB_20120810.DeleteTable', { TableName: 'x' }),
        where,
      ),
    ).toBeUndefined();
  });

  it('answers an implicit denial as the service does, naming caller, action and resource', async () => {
    const denied = await denialOf(
      authorizer,
      role,
      json('dynamodb', 'DynamoDB_20120810.GetItem', { TableName: 'expenses', Key: {} }),
      where,
    );
    expect(denied?.error).toMatchObject({ status: 400, code: 'AccessDeniedException' });
    expect(denied?.error.message).toBe(
      'User: arn:aws:sts::000000000000:assumed-role/spendwise-expenses-dev-createExpense-eu-west-1-lambdaRole/local ' +
        `is not authorized to perform: dynamodb:GetItem on resource: ${table} because no identity-based policy allows the dynamodb:GetItem action`,
    );
  });

  it('says when an explicit deny decided, and uses the query protocol services’ own codes', async () => {
    const denied = await denialOf(
      authorizer,
      role,
      json('dynamodb', 'DynamoDB_20120810.DeleteItem', { TableName: 'expenses', Key: {} }),
      where,
    );
    expect(denied?.error.message).toContain('with an explicit deny in an identity-based policy');
    const sns: AwsRequest = {
      ...json('sns', 'x', {}),
      protocol: 'query',
      action: 'Publish',
      form: new URLSearchParams({ Action: 'Publish', TopicArn: 'arn:aws:sns:eu-west-1:000000000000:other' }),
    };
    expect((await denialOf(authorizer, role, sns, where))?.error).toMatchObject({
      status: 403,
      code: 'AuthorizationError',
    });
  });

  it('names a service principal as itself', () => {
    expect(callerName('events.amazonaws.com')).toBe('events.amazonaws.com');
  });
});
