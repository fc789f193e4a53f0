import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { LocalCloud } from '../../src/core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../../src/core/resources';
import { deployStacks } from '../../src/deploy/deployStacks';
import { loadComposeStacks } from '../../src/deploy/loadComposeStacks';
import type { StackInput } from '../../src/deploy/template';
import { fakeCloud } from '../../src/testing/fakeCloud';

const rootDir = fileURLToPath(new URL('../../../..', import.meta.url));

/** Every type the engines being written provide; the rest must be accepted or reported by the deployer. */
const ENGINE_TYPES = [
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::Events::EventBus',
  'AWS::Events::Archive',
  'AWS::Events::Rule',
  'AWS::CloudWatch::Alarm',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::UserPoolResourceServer',
  'AWS::Cognito::UserPoolClient',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::DynamoDB::Table',
  'AWS::SNS::Subscription',
  'AWS::Scheduler::Schedule',
  'AWS::StepFunctions::StateMachine',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::SecretsManager::Secret',
  'Custom::CrossRegionParameters',
];

const PROVIDER_URL = 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_LOCAL';

/** Any attribute asked of a fake resource has a value, except those a test pins. */
function fakeAttributes(
  resource: ResolvedResource,
  pinned: Record<string, unknown>,
): Record<string, unknown> {
  return new Proxy(pinned, {
    get: (target, name) =>
      typeof name === 'string' ? (target[name] ?? `${resource.logicalId}.${name}`) : undefined,
  });
}

function recordingProviders(handed: ResolvedResource[]): ResourceProvider[] {
  const create = async (resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> => {
    handed.push(resource);
    if (resource.type === 'AWS::SSM::Parameter')
      ctx.ssm.put(String(resource.properties.Name), String(resource.properties.Value));
    const pinned = resource.type === 'AWS::Cognito::UserPool' ? { ProviderURL: PROVIDER_URL } : {};
    return { ref: `${resource.logicalId}-ref`, attributes: fakeAttributes(resource, pinned) };
  };
  return [{ types: [...ENGINE_TYPES, 'AWS::SSM::Parameter'], create }];
}

let stacks: StackInput[];

beforeAll(async () => {
  stacks = await loadComposeStacks(rootDir, 'dev', 'eu-west-1');
}, 600_000);

async function deployAll() {
  const handed: ResolvedResource[] = [];
  const { cloud, recorded } = fakeCloud({ stage: 'dev' });
  cloud.secrets = { resolve: ({ secretId }) => `value-of-${secretId}` };
  const result = await deployStacks(stacks, recordingProviders(handed), cloud);
  return { handed, recorded, result };
}

describe('deploying the packaged templates of every compose service', () => {
  it('loads the stacks in dependency order with the stack names osls uses', () => {
    expect(stacks.map((s) => [s.name, s.stackName])).toEqual([
      ['platform', 'spendwise-platform-dev'],
      ['expenses', 'spendwise-expenses-dev'],
      ['catalog', 'spendwise-catalog-dev'],
      ['insights', 'spendwise-insights-dev'],
      ['notifications', 'spendwise-notifications-dev'],
      ['edge', 'spendwise-edge-dev'],
      ['backup', 'spendwise-backup-dev'],
    ]);
  });

  it('hands every resource to a provider or accounts for it as accepted — nothing vanishes', async () => {
    const { handed, recorded, result } = await deployAll();

    for (const [index, stack] of stacks.entries()) {
      const deployed = result.stacks[index]!;
      // Resources whose condition is false (the origin secret's policy, the edge's custom domain) are skipped.
      const templateIds = Object.keys(stack.template.Resources)
        .filter((id) => !deployed.skipped.includes(id))
        .sort();
      expect([...deployed.resources.keys()].sort()).toEqual(templateIds);
      const toProviders = handed.filter((r) => r.stack === stack.name).map((r) => r.logicalId);
      const accepted = [...deployed.resources]
        .filter(([, r]) => r.handledBy === 'accepted')
        .map(([id]) => id);
      expect([...toProviders, ...accepted].sort()).toEqual(templateIds);
    }
    expect(recorded.unsupported.filter((u) => u.reason === 'resource type not implemented locally')).toEqual(
      [],
    );
  });

  it('reports IAM as not enforced once per stack, naming every role and policy accepted', async () => {
    const { recorded, result } = await deployAll();

    const iam = recorded.unsupported.filter((u) => u.reason.startsWith('IAM is not enforced'));
    expect(iam.map((u) => u.stack)).toEqual([
      'platform',
      'expenses',
      'catalog',
      'insights',
      'notifications',
      'edge',
      'backup',
    ]);
    const expensesRoles = [...result.stacks[1]!.resources]
      .filter(([, r]) => r.type === 'AWS::IAM::Role')
      .map(([id]) => id);
    // One role per function (13) and the role that forwards the receipts bucket's events to the Spendwise bus.
    expect(expensesRoles).toHaveLength(14);
    for (const role of expensesRoles) expect(iam[1]?.logicalId.split(', ')).toContain(role);
  });

  it("reports the backup service's vault, plan, selection and key by name as not run locally", async () => {
    const { recorded } = await deployAll();

    const backup = recorded.unsupported.filter((u) => u.stack === 'backup' && !u.reason.startsWith('IAM'));
    expect(backup.map((u) => `${u.type} ${u.logicalId}`).sort()).toEqual([
      'AWS::Backup::BackupPlan BackupPlan',
      'AWS::Backup::BackupSelection BackupSelection',
      'AWS::Backup::BackupVault BackupVault',
      'AWS::KMS::Alias BackupKeyAlias',
      'AWS::KMS::Key BackupKey',
    ]);
    expect(backup[0]?.reason).toMatch(/not run locally|not needed locally/);
  });

  it("resolves the expenses authorizer's issuer and audience through the platform's SSM parameters", async () => {
    const { handed } = await deployAll();

    const authorizer = handed.find((r) => r.logicalId === 'HttpApiAuthorizerCognito');
    expect(authorizer?.properties.JwtConfiguration).toEqual({
      Audience: ['AppClient-ref'],
      Issuer: `https://${PROVIDER_URL}`,
    });
  });

  it('resolves references between resources, pseudo parameters and outputs', async () => {
    const { handed, result } = await deployAll();

    const mapping = handed.find((r) => r.type === 'AWS::Lambda::EventSourceMapping');
    expect(mapping?.properties).toMatchObject({
      EventSourceArn: 'ExpensesTable.StreamArn',
      FunctionName: 'RelayOutboxLambdaFunction.Arn',
      DestinationConfig: { OnFailure: { Destination: 'OutboxRelayDeadLetterQueue.Arn' } },
    });
    const alarm = handed.find((r) => r.logicalId === 'OutboxRelayDeadLetterAlarm');
    expect(alarm?.properties.AlarmActions).toEqual([
      'arn:aws:sns:eu-west-1:000000000000:spendwise-dev-alarms',
    ]);
    expect(result.stacks[1]?.outputs.HttpApiUrl).toBe(
      'https://HttpApi-ref.execute-api.eu-west-1.amazonaws.com',
    );
  });

  it('gives accepted resources plausible names and ARNs for those who refer to them', async () => {
    const { handed, result } = await deployAll();

    const createExpense = handed.find((r) => r.logicalId === 'CreateExpenseLambdaFunction');
    expect(createExpense?.properties.Role).toMatch(/^arn:aws:iam::000000000000:role\/.+$/);
    expect((createExpense!.properties.Code as { S3Bucket: string }).S3Bucket).toMatch(
      /^spendwise-expenses-dev-serverlessdeploymentbucket-[0-9a-f]{12}$/,
    );
    expect(result.stacks[0]?.resources.get('AuditLogGroup')?.attributes.Arn).toBe(
      'arn:aws:logs:eu-west-1:000000000000:log-group:/aws/events/spendwise-dev/audit:*',
    );
  });

  it("gives the edge's API origins the services' published domains, and skips its custom domain", async () => {
    const { handed, recorded, result } = await deployAll();

    const domains = handed.find((r) => r.logicalId === 'ApiDomains');
    expect(domains?.properties.Parameters).toEqual({
      expenses: '/spendwise/dev/apis/expenses/domain',
      catalog: '/spendwise/dev/apis/catalog/domain',
      insights: '/spendwise/dev/apis/insights/domain',
      notifications: '/spendwise/dev/apis/notifications/domain',
    });
    const published = handed.find((r) => r.stack === 'expenses' && r.logicalId === 'ApiDomainParameter');
    expect(published?.properties.Value).toBe('HttpApi-ref.execute-api.eu-west-1.amazonaws.com');
    const edgeReports = recorded.unsupported.filter((u) => u.stack === 'edge').map((u) => u.type);
    expect(result.stacks[5]?.skipped.sort()).toEqual(['Certificate', 'WebAliasRecords']);
    expect(edgeReports).toEqual(
      expect.arrayContaining(['AWS::CloudFront::Distribution', 'AWS::WAFv2::WebACL', 'AWS::S3::Bucket']),
    );
  });
});
