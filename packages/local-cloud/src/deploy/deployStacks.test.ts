// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub templates spell ${…} literally
import { describe, expect, it } from '@jest/globals';
import type { LocalCloud } from '../core/context';
import { AwsApiError } from '../core/errors';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { fakeCloud } from '../testing/fakeCloud';
import { deployStacks } from './deployStacks';
import type { DeployedStack, StackInput } from './template';

function recordingProvider(
  types: string[],
  create: (resource: ResolvedResource, ctx: LocalCloud) => CreatedResource,
): ResourceProvider & { created: ResolvedResource[] } {
  const created: ResolvedResource[] = [];
  return {
    types,
    created,
    create: async (resource, ctx) => {
      created.push(resource);
      return create(resource, ctx);
    },
  };
}

const topics = recordingProvider(['AWS::SNS::Topic', 'AWS::SQS::Queue'], (r) => ({
  ref: `arn:aws:sns:eu-west-1:000000000000:${String(r.properties.TopicName ?? r.logicalId)}`,
  attributes: { TopicName: r.properties.TopicName },
}));
const parameters = recordingProvider(['AWS::SSM::Parameter'], (r, ctx) => {
  ctx.ssm.put(String(r.properties.Name), String(r.properties.Value));
  return { ref: String(r.properties.Name), attributes: { Value: r.properties.Value } };
});
const authorizers = recordingProvider(['AWS::ApiGatewayV2::Authorizer'], (r) => ({
  ref: `auth-${r.logicalId}`,
  attributes: {},
}));

const platform: StackInput = {
  name: 'platform',
  dir: '/repo/services/platform',
  template: {
    Parameters: { Stage: { Type: 'String', Default: 'dev' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    Resources: {
      IssuerParameter: {
        Type: 'AWS::SSM::Parameter',
        Properties: {
          Name: '/spendwise/dev/auth/issuer',
          Value: { 'Fn::Sub': 'https://issuer/${Topic.TopicName}' },
        },
      },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'ops' } },
      ProdOnlyQueue: { Type: 'AWS::SQS::Queue', Condition: 'IsProd', Properties: { QueueName: 'prod-only' } },
      TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }] } },
      Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'platform-role' } },
      Gadget: { Type: 'AWS::Gadget::Widget', Properties: { Name: 'g1' } },
    },
    Outputs: {
      TopicArn: { Value: { Ref: 'Topic' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-TopicArn' } } },
      Queue: { Condition: 'IsProd', Value: { Ref: 'ProdOnlyQueue' } },
    },
  },
};

const expenses: StackInput = {
  name: 'expenses',
  dir: '/repo/services/expenses',
  template: {
    Resources: {
      Authorizer: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          JwtConfiguration: { Issuer: '{{resolve:ssm:/spendwise/dev/auth/issuer}}' },
          AlarmTopic: { 'Fn::ImportValue': 'spendwise-platform-dev-TopicArn' },
          RoleArn: { 'Fn::GetAtt': ['FunctionRole', 'Arn'] },
        },
      },
      FunctionRole: { Type: 'AWS::IAM::Role', Properties: { Path: '/' } },
      Dashboard: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardName: 'business' } },
    },
  },
};

async function deployBoth() {
  const { cloud, recorded } = fakeCloud({ stage: 'dev' });
  const result = await deployStacks([platform, expenses], [topics, parameters, authorizers], cloud);
  return { result, recorded };
}

describe('deployStacks', () => {
  it('imports what an earlier stack exported and resolves SSM dynamic references it stored', async () => {
    await deployBoth();

    const authorizer = authorizers.created.at(-1)!;
    expect(authorizer.properties).toEqual({
      JwtConfiguration: { Issuer: 'https://issuer/ops' },
      AlarmTopic: 'arn:aws:sns:eu-west-1:000000000000:ops',
      RoleArn: expect.stringMatching(
        /^arn:aws:iam::000000000000:role\/spendwise-expenses-dev-FunctionRole-[0-9A-F]{12}$/,
      ),
    });
    expect(authorizer.stack).toBe('expenses');
    expect(authorizer.stackDir).toBe('/repo/services/expenses');
  });

  it('skips resources and outputs whose condition is false', async () => {
    const { result } = await deployBoth();

    const [platformStack] = result.stacks;
    expect(platformStack?.skipped).toEqual(['ProdOnlyQueue']);
    expect(topics.created.map((r) => r.logicalId)).not.toContain('ProdOnlyQueue');
    expect(platformStack?.outputs).toEqual({ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:ops' });
  });

  it('reports an unknown type by name and dashboards as not rendered', async () => {
    const { recorded } = await deployBoth();

    expect(recorded.unsupported).toContainEqual({
      stack: 'platform',
      logicalId: 'Gadget',
      type: 'AWS::Gadget::Widget',
      property: '*',
      reason: 'resource type not implemented locally',
    });
    expect(recorded.unsupported).toContainEqual(
      expect.objectContaining({
        stack: 'expenses',
        logicalId: 'Dashboard',
        reason: expect.stringMatching(/not rendered/),
      }),
    );
  });

  it('reports IAM as not enforced exactly once per stack, naming the roles and policies', async () => {
    const { recorded, result } = await deployBoth();

    const iam = recorded.unsupported.filter((item) => item.reason.startsWith('IAM is not enforced'));
    expect(iam.map((item) => [item.stack, item.logicalId])).toEqual([
      ['platform', 'Role, TopicPolicy'],
      ['expenses', 'FunctionRole'],
    ]);
    expect(result.unsupported).toEqual(recorded.unsupported);
  });

  it('tells how every resource was handled and logs progress per stack', async () => {
    const { result, recorded } = await deployBoth();

    const handling = Object.fromEntries(
      result.stacks.flatMap((stack) =>
        [...stack.resources].map(([id, resource]) => [id, resource.handledBy]),
      ),
    );
    expect(handling).toEqual({
      IssuerParameter: 'provider',
      Topic: 'provider',
      TopicPolicy: 'accepted',
      Role: 'accepted',
      Gadget: 'unsupported',
      Authorizer: 'provider',
      FunctionRole: 'accepted',
      Dashboard: 'accepted',
    });
    expect(recorded.messages[0]).toBe('deploying platform (spendwise-platform-dev): 6 resources …');
  });

  it('runs AWS checks before creating a resource, with the stacks so far: a refusal fails the resource and its stack', async () => {
    const { cloud } = fakeCloud({ stage: 'dev' });
    const seen: string[] = [];
    const beforeCreate = async (resource: ResolvedResource, deployed: readonly DeployedStack[]) => {
      seen.push(`${resource.logicalId}: ${deployed.map((s) => `${s.name}(${[...s.resources.keys()]})`)}`);
      if (resource.type === 'AWS::ApiGatewayV2::Authorizer')
        throw new AwsApiError(400, 'InvalidParameterValueException', 'The role may not do that');
    };

    await expect(
      deployStacks([platform, expenses], [topics, parameters, authorizers], cloud, { beforeCreate }),
    ).rejects.toThrow(
      'stack expenses: creating Authorizer (AWS::ApiGatewayV2::Authorizer) failed: InvalidParameterValueException: The role may not do that',
    );
    // Only resources a provider creates are checked; the earlier stack is complete, the failing one so far.
    expect(seen).toEqual([
      'Topic: platform()',
      'IssuerParameter: platform(Topic,Role,Gadget)',
      'Authorizer: platform(Topic,Role,Gadget,IssuerParameter,TopicPolicy),expenses(FunctionRole,Dashboard)',
    ]);
  });

  it('fails on an import nobody exports, naming the resource', async () => {
    const { cloud } = fakeCloud({ stage: 'dev' });

    await expect(deployStacks([expenses], [authorizers], cloud)).rejects.toThrow(
      /stack expenses: resource Authorizer.*Fn::ImportValue spendwise-platform-dev-TopicArn/,
    );
  });
});
