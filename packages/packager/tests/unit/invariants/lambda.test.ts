import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

describe('function invariants', () => {
  it('rejects a runtime other than nodejs24.x', () => {
    const template = compliantTemplate();
    props(template, 'ApiLambdaFunction').Runtime = 'nodejs22.x';

    expect(broken(template)).toEqual(['lambda-runtime ApiLambdaFunction']);
  });

  it('rejects x86_64, including the default when Architectures is absent', () => {
    const template = compliantTemplate();
    props(template, 'ApiLambdaFunction').Architectures = ['x86_64'];
    delete props(template, 'ConsumeLambdaFunction').Architectures;

    expect(broken(template)).toEqual([
      'lambda-arm64 ApiLambdaFunction',
      'lambda-arm64 ConsumeLambdaFunction',
    ]);
  });

  it('rejects pass-through tracing', () => {
    const template = compliantTemplate();
    props(template, 'ApiLambdaFunction').TracingConfig = { Mode: 'PassThrough' };

    expect(broken(template)).toEqual(['lambda-tracing ApiLambdaFunction']);
  });

  it('accepts pass-through tracing on an outbox relay or monitor only, with the X-Ray permissions still required', () => {
    const template = compliantTemplate();
    const resources = template.Resources;
    resources.RelayOutboxLambdaFunction = resources.RelayLambdaFunction!;
    resources.RelayOutboxIamRoleLambdaExecution = structuredClone(resources.RelayIamRoleLambdaExecution!);
    props(template, 'RelayOutboxLambdaFunction').Role = {
      'Fn::GetAtt': ['RelayOutboxIamRoleLambdaExecution', 'Arn'],
    };
    props(template, 'RelayOutboxLambdaFunction').TracingConfig = { Mode: 'PassThrough' };
    delete resources.RelayLambdaFunction;
    delete resources.RelayIamRoleLambdaExecution;
    for (const resource of Object.values(resources)) {
      const text = JSON.stringify(resource).replaceAll(
        '"RelayLambdaFunction"',
        '"RelayOutboxLambdaFunction"',
      );
      Object.assign(resource, JSON.parse(text));
    }

    expect(broken(template)).toEqual([]);

    props(template, 'RelayOutboxIamRoleLambdaExecution').Policies = [];
    expect(broken(template)).toEqual(['lambda-xray-permissions RelayOutboxLambdaFunction']);

    props(template, 'RelayOutboxLambdaFunction').TracingConfig = { Mode: 'Off' };
    expect(broken(template)).toEqual(['lambda-tracing RelayOutboxLambdaFunction']);
  });

  it('rejects two functions sharing one role', () => {
    const template = compliantTemplate();
    props(template, 'ConsumeLambdaFunction').Role = { 'Fn::GetAtt': ['ApiIamRoleLambdaExecution', 'Arn'] };

    expect(broken(template)).toEqual([
      'lambda-own-role ApiLambdaFunction',
      'lambda-own-role ConsumeLambdaFunction',
    ]);
  });

  it('rejects a role that is not defined in the template', () => {
    const template = compliantTemplate();
    props(template, 'ApiLambdaFunction').Role = 'arn:aws:iam::123456789012:role/shared';

    expect(broken(template)).toEqual(['lambda-own-role ApiLambdaFunction']);
  });

  it('rejects a traced function whose role may not write to X-Ray', () => {
    const template = compliantTemplate();
    const policies = props(template, 'ApiIamRoleLambdaExecution').Policies as {
      PolicyDocument: { Statement: { Action: string[] }[] };
    }[];
    policies[0]!.PolicyDocument.Statement.shift();

    expect(broken(template)).toEqual(['lambda-xray-permissions ApiLambdaFunction']);
  });

  it('accepts X-Ray permissions granted by a separate policy attached to the role', () => {
    const template = compliantTemplate();
    const policies = props(template, 'ApiIamRoleLambdaExecution').Policies as {
      PolicyDocument: { Statement: unknown[] };
    }[];
    policies[0]!.PolicyDocument.Statement.shift();
    template.Resources.ApiXrayPolicy = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'xray',
        Roles: [{ Ref: 'ApiIamRoleLambdaExecution' }],
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
          ],
        },
      },
    };

    expect(broken(template)).toEqual([]);
  });
});
