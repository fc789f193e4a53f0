import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { type CfnTemplate, checkTemplate } from '@spendwise/packager';
import { deployStacks } from '../../src/deploy/deployStacks';
import { loadComposeStacks } from '../../src/deploy/loadComposeStacks';
import type { DeployedStack, StackInput } from '../../src/deploy/template';
import { Authorizer } from '../../src/iam/authorize';
import { plannedDeliveries } from '../../src/iam/deliveries';
import { IamEnforcement } from '../../src/iam/enforcement';
import { collectPolicies, type PolicySet } from '../../src/iam/policies';
import { authorizationChecks } from '../../src/iam/resources';
import { fakeCloud } from '../../src/testing/fakeCloud';
import { namingProviders } from '../../src/testing/namingProviders';
import { withoutAction } from '../../src/testing/templateEdits';

const rootDir = fileURLToPath(new URL('../../../..', import.meta.url));
const where = { region: 'eu-west-1', accountId: '000000000000' };

let inputs: StackInput[];
let stacks: DeployedStack[];
let policies: PolicySet;
let authorizer: Authorizer;

beforeAll(async () => {
  inputs = await loadComposeStacks(rootDir, 'dev', 'eu-west-1');
  stacks = await deployed(inputs);
  policies = collectPolicies(stacks, where);
  authorizer = new Authorizer(policies, where);
}, 600_000);

/** The stacks deployed on fake providers (names and ARNs as the local cloud gives them). */
async function deployed(templates: StackInput[]): Promise<DeployedStack[]> {
  const { cloud } = fakeCloud({ stage: 'dev' });
  cloud.secrets = { resolve: ({ secretId }) => `value-of-${secretId}` };
  return (await deployStacks(templates, namingProviders(), cloud)).stacks;
}

/** The invariants about permissions (packages/packager/src/invariants/rules.ts). */
const PERMISSION_RULES = new Set([
  'lambda-own-role',
  'lambda-xray-permissions',
  'iam-no-wildcard-action',
  'iam-no-wildcard-resource',
  'iam-managed-policy',
]);
const permissionViolations = (templates: StackInput[]) =>
  templates.flatMap((input) =>
    checkTemplate(input.template as unknown as CfnTemplate, input.name, { stage: 'dev' })
      .filter((violation) => PERMISSION_RULES.has(violation.rule))
      .map((violation) => `${input.name}/${violation.resource} ${violation.rule}`),
  );
const deniedDeliveries = async (deployedStacks: DeployedStack[]) => {
  const set = collectPolicies(deployedStacks, where);
  const evaluator = new Authorizer(set, where);
  const denied: string[] = [];
  for (const call of plannedDeliveries(deployedStacks, set, where)) {
    const decision = await evaluator.authorize({ principal: call.principal, ...call.check });
    if (decision.decision !== 'allow') denied.push(`${call.caller}: ${call.check.action}`);
  }
  return denied;
};

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

  it("read the resource policies of queues, topics, buckets, functions and keys, and the account's Logs ones", () => {
    const kinds = new Set([...policies.resourcePolicies.keys()].map((arn) => arn.split(':')[2]));
    expect(kinds).toEqual(new Set(['s3', 'sns', 'sqs', 'lambda', 'kms', 'logs']));
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

  it("let EventBridge write the bus's audit log: the platform's Logs resource policy allows the rule's delivery", async () => {
    const audit = plannedDeliveries(stacks, policies, where).filter((call) =>
      call.caller.includes('rule/spendwise-dev/spendwise-dev-audit → '),
    );
    const group = 'arn:aws:logs:eu-west-1:000000000000:log-group:/aws/events/spendwise-dev/audit';
    expect(audit.map((call) => [call.principal, call.check.action, call.check.resource])).toEqual([
      ['events.amazonaws.com', 'logs:CreateLogStream', `${group}:log-stream:event-id`],
      ['events.amazonaws.com', 'logs:PutLogEvents', `${group}:log-stream:event-id`],
    ]);
    for (const call of audit) {
      const decision = await authorizer.authorize({ principal: call.principal, ...call.check });
      expect(decision).toMatchObject({
        decision: 'allow',
        statements: [expect.objectContaining({ kind: 'resource', policy: 'platform/AuditLogGroupPolicy' })],
      });
    }
  });

  it("give every event source mapping's function a role Lambda lets the mapping be created with", async () => {
    const iam = new IamEnforcement('enforce', where);
    const mappings = stacks.flatMap((stack) =>
      [...stack.resources]
        .filter(([, resource]) => resource.type === 'AWS::Lambda::EventSourceMapping')
        .map(([logicalId, resource]) => ({
          stack: stack.name,
          stackDir: '',
          logicalId,
          type: resource.type,
          properties: resource.properties ?? {},
          referencedBy: [],
        })),
    );

    expect(mappings).toHaveLength(10);
    for (const mapping of mappings) await expect(iam.checkCreation(mapping, stacks)).resolves.toBeUndefined();
    expect(iam.denials()).toEqual([]);
  });

  it('agree with the packaging invariants: the templates keep the permission invariants and enforcement allows every engine call', async () => {
    expect(permissionViolations(inputs)).toEqual([]);
    expect(await deniedDeliveries(stacks)).toEqual([]);
  });

  it('agree with the packaging invariants the other way: a role the invariants refuse is one enforcement denies', async () => {
    const edited = withoutAction(
      inputs,
      'expenses',
      'CreateExpenseIamRoleLambdaExecution',
      'xray:PutTraceSegments',
    );

    expect(permissionViolations(edited)).toEqual([
      expect.stringMatching(/^expenses\/CreateExpense\S* lambda-xray-permissions$/),
    ]);
    expect(await deniedDeliveries(await deployed(edited))).toEqual([
      'arn:aws:lambda:eu-west-1:000000000000:function:spendwise-expenses-dev-createExpense traces: xray:PutTraceSegments',
    ]);
  }, 120_000);

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
