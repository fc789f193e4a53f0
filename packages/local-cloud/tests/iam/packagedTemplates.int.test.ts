import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { deployStacks } from '../../src/deploy/deployStacks';
import { loadComposeStacks } from '../../src/deploy/loadComposeStacks';
import type { DeployedStack } from '../../src/deploy/template';
import { Authorizer } from '../../src/iam/authorize';
import { plannedDeliveries } from '../../src/iam/deliveries';
import { collectPolicies, type PolicySet } from '../../src/iam/policies';
import { authorizationChecks } from '../../src/iam/resources';
import { fakeCloud } from '../../src/testing/fakeCloud';
import { namingProviders } from '../../src/testing/namingProviders';

const rootDir = fileURLToPath(new URL('../../../..', import.meta.url));
const where = { region: 'eu-west-1', accountId: '000000000000' };

let stacks: DeployedStack[];
let policies: PolicySet;
let authorizer: Authorizer;

beforeAll(async () => {
  const inputs = await loadComposeStacks(rootDir, 'dev', 'eu-west-1');
  const { cloud } = fakeCloud({ stage: 'dev' });
  cloud.secrets = { resolve: ({ secretId }) => `value-of-${secretId}` };
  stacks = (await deployStacks(inputs, namingProviders(), cloud)).stacks;
  policies = collectPolicies(stacks, where);
  authorizer = new Authorizer(policies, where);
}, 600_000);

const roleOf = (functionName: string) =>
  policies.functionRoles.get(`arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`)!;
const decide = async (
  principal: string,
  service: string,
  operation: string,
  input: Record<string, unknown>,
  context = {},
) => {
  const checks = authorizationChecks({ service, operation, input, ...where }, policies.facts).map(
    (check) => ({
      ...check,
      context: { ...check.context, ...context },
    }),
  );
  return (await authorizer.authorizeAll(principal, checks)).decision;
};

describe('the policies of the packaged templates of every compose service', () => {
  it('give every function its own role with its statements, and miss only AWS Backup managed policies', () => {
    expect(policies.functionRoles.size).toBe(49);
    for (const role of policies.functionRoles.values()) {
      expect(policies.roles.get(role)?.policies.length).toBeGreaterThan(0);
    }
    expect(new Set(policies.gaps.map((gap) => `${gap.stack}/${gap.logicalId}`))).toEqual(
      new Set(['backup/BackupRole']),
    );
  });

  it('read the resource policies of queues, topics, buckets, functions and keys', () => {
    const kinds = new Set([...policies.resourcePolicies.keys()].map((arn) => arn.split(':')[2]));
    expect(kinds).toEqual(new Set(['s3', 'sns', 'sqs', 'lambda', 'kms']));
    expect(policies.facts.partitionKeyOf('spendwise-dev-expenses')).toBe('PK');
  });

  it('allow every call the engines make on behalf of the deployed resources', async () => {
    const calls = plannedDeliveries(stacks, policies, where);
    const denied: string[] = [];
    for (const call of calls) {
      const decision = await authorizer.authorize({ principal: call.principal, ...call.check });
      if (decision.decision !== 'allow') denied.push(`${call.caller}: ${decision.explanation}`);
    }
    expect(denied).toEqual([]);
    const principals = new Set(
      calls.map((call) => (call.principal.startsWith('arn:') ? 'role' : call.principal)),
    );
    expect(principals).toEqual(
      new Set([
        'role',
        'events.amazonaws.com',
        'sns.amazonaws.com',
        'apigateway.amazonaws.com',
        'cloudwatch.amazonaws.com',
      ]),
    );
  });

  it('deny what the roles and resource policies do not grant, as AWS would', async () => {
    const createExpense = roleOf('spendwise-expenses-dev-createExpense');
    const table = { TableName: 'spendwise-dev-expenses', Key: { PK: { S: 'USER#a' } } };
    expect(await decide(createExpense, 'dynamodb', 'PutItem', table)).toBe('allow');
    expect(await decide(createExpense, 'dynamodb', 'DeleteItem', table)).toBe('implicit-deny');
    expect(
      await decide(createExpense, 'dynamodb', 'GetItem', { ...table, TableName: 'spendwise-dev-catalog' }),
    ).toBe('implicit-deny');

    const getReceipt = roleOf('spendwise-expenses-dev-getReceipt');
    const receipt = { Bucket: 'spendwise-dev-receipts-000000000000', Key: 'receipts/u/1.jpg' };
    expect(await decide(getReceipt, 's3', 'GetObject', receipt)).toBe('allow');
    // The receipts bucket policy refuses plain HTTP, whoever asks.
    expect(await decide(getReceipt, 's3', 'GetObject', receipt, { 'aws:SecureTransport': 'false' })).toBe(
      'deny',
    );

    const spending = { QueueUrl: 'http://127.0.0.1:4566/000000000000/spendwise-dev-insights-spending' };
    const rule = 'arn:aws:events:eu-west-1:000000000000:rule/spendwise-dev/spendwise-dev-insights-spending';
    expect(
      await decide('events.amazonaws.com', 'sqs', 'SendMessage', spending, { 'aws:SourceArn': rule }),
    ).toBe('allow');
    expect(
      await decide('events.amazonaws.com', 'sqs', 'SendMessage', spending, {
        'aws:SourceArn': `${rule}-other`,
      }),
    ).toBe('implicit-deny');

    const askModel = roleOf('spendwise-insights-dev-askReportModel');
    expect(await decide(askModel, 'bedrock', 'Converse', { modelId: 'amazon.nova-micro-v1:0' })).toBe(
      'allow',
    );
    expect(await decide(askModel, 'bedrock', 'Converse', { modelId: 'amazon.nova-pro-v1:0' })).toBe(
      'implicit-deny',
    );
  });
});
