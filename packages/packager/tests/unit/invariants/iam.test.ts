import { describe, expect, it } from '@jest/globals';
import type { CfnTemplate } from '../../../src/template';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

function addStatement(template: CfnTemplate, statement: Record<string, unknown>): void {
  const policies = props(template, 'ApiIamRoleLambdaExecution').Policies as {
    PolicyDocument: { Statement: unknown[] };
  }[];
  policies[0]!.PolicyDocument.Statement.push(statement);
}

const table = { 'Fn::GetAtt': ['Table', 'Arn'] };

describe('IAM invariants', () => {
  it('rejects Action "*"', () => {
    const template = compliantTemplate();
    addStatement(template, { Effect: 'Allow', Action: '*', Resource: table });

    expect(broken(template)).toEqual(['iam-no-wildcard-action ApiIamRoleLambdaExecution']);
  });

  it('rejects a whole-service action such as dynamodb:*', () => {
    const template = compliantTemplate();
    addStatement(template, { Effect: 'Allow', Action: ['dynamodb:GetItem', 'DynamoDB:*'], Resource: table });

    const violations = broken(template);

    expect(violations).toEqual(['iam-no-wildcard-action ApiIamRoleLambdaExecution']);
  });

  it('rejects NotAction and NotResource in an Allow statement', () => {
    const template = compliantTemplate();
    addStatement(template, { Effect: 'Allow', NotAction: 'iam:*', NotResource: table });

    expect(broken(template)).toEqual([
      'iam-no-wildcard-action ApiIamRoleLambdaExecution',
      'iam-no-wildcard-resource ApiIamRoleLambdaExecution',
    ]);
  });

  it('rejects Resource "*" for an action that takes an ARN, such as logs:CreateLogGroup', () => {
    const template = compliantTemplate();
    addStatement(template, { Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: ['*'] });

    expect(broken(template)).toEqual(['iam-no-wildcard-resource ApiIamRoleLambdaExecution']);
  });

  it('accepts Resource "*" for actions that only support "*", such as cloudwatch:PutMetricData', () => {
    const template = compliantTemplate();
    addStatement(template, { Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' });

    expect(broken(template)).toEqual([]);
  });

  describe('the state machine log-delivery exception', () => {
    const logDelivery = {
      Effect: 'Allow',
      Action: [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      Resource: '*',
    };
    /** A role as serverless-step-functions writes it for a state machine with a loggingConfig. */
    function stateMachineRole(
      template: CfnTemplate,
      statement: Record<string, unknown>,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      principal: unknown = { 'Fn::Sub': 'states.${AWS::Region}.amazonaws.com' },
    ): void {
      template.Resources.ReportRole = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }],
          },
          Policies: [
            {
              PolicyName: 'report-statemachine',
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [table] },
                  statement,
                ],
              },
            },
          ],
        },
      };
    }

    it('accepts the log-delivery actions on Resource "*" in a role only Step Functions assumes', () => {
      const template = compliantTemplate();
      stateMachineRole(template, logDelivery);
      const global = compliantTemplate();
      stateMachineRole(global, logDelivery, 'states.amazonaws.com');

      expect(broken(template)).toEqual([]);
      expect(broken(global)).toEqual([]);
    });

    it('refuses them in a function role, or in a role other services can assume too', () => {
      const functionRole = compliantTemplate();
      addStatement(functionRole, logDelivery);
      const shared = compliantTemplate();
      stateMachineRole(shared, logDelivery, ['states.amazonaws.com', 'lambda.amazonaws.com']);

      expect(broken(functionRole)).toEqual(['iam-no-wildcard-resource ApiIamRoleLambdaExecution']);
      expect(broken(shared)).toEqual(['iam-no-wildcard-resource ReportRole']);
    });

    it('refuses any other logs action on Resource "*" in a state machine role', () => {
      const template = compliantTemplate();
      stateMachineRole(template, {
        ...logDelivery,
        Action: [...logDelivery.Action, 'logs:PutLogEvents'],
      });

      expect(broken(template)).toEqual(['iam-no-wildcard-resource ReportRole']);
    });
  });

  it('ignores wildcards in Deny statements', () => {
    const template = compliantTemplate();
    addStatement(template, { Effect: 'Deny', Action: '*', Resource: '*' });

    expect(broken(template)).toEqual([]);
  });

  it('checks standalone managed policies too', () => {
    const template = compliantTemplate();
    template.Resources.Extra = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Statement: { Effect: 'Allow', Action: 'sqs:*', Resource: '*' } } },
    };

    expect(broken(template)).toEqual(['iam-no-wildcard-action Extra', 'iam-no-wildcard-resource Extra']);
  });

  it('rejects managed policy ARNs on a role, whose statements cannot be checked', () => {
    const template = compliantTemplate();
    props(template, 'ApiIamRoleLambdaExecution').ManagedPolicyArns = [
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ];

    expect(broken(template)).toEqual(['iam-managed-policy ApiIamRoleLambdaExecution']);
  });

  it("accepts AWS Backup's service-role policies and nothing like them", () => {
    const template = compliantTemplate();
    props(template, 'ApiIamRoleLambdaExecution').ManagedPolicyArns = [
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
    ];
    expect(broken(template)).toEqual([]);

    props(template, 'ApiIamRoleLambdaExecution').ManagedPolicyArns = [
      'arn:aws:iam::aws:policy/AWSBackupFullAccess',
    ];
    expect(broken(template)).toEqual(['iam-managed-policy ApiIamRoleLambdaExecution']);
  });
});
