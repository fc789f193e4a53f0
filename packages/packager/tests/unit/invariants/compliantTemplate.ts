import type { CfnResource, CfnTemplate } from '../../../src/template';

const opsAlerts = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
  'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:spendwise-dev-ops-alerts',
};

const xrayStatement = {
  Effect: 'Allow',
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Resource: '*',
};

function role(extraStatements: unknown[] = []): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [
          { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [
        {
          PolicyName: { 'Fn::Join': ['-', ['svc', 'dev', 'lambda']] },
          PolicyDocument: { Version: '2012-10-17', Statement: [xrayStatement, ...extraStatements] },
        },
      ],
      ManagedPolicyArns: [],
    },
  };
}

function fn(roleId: string, timeout = 10): CfnResource {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: timeout,
      Handler: 'handler.handler',
      Role: { 'Fn::GetAtt': [roleId, 'Arn'] },
    },
  };
}

function dlq(): CfnResource {
  return { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } };
}

/**
 * A template shaped like osls output that keeps every invariant: an HTTP function, an SQS consumer, a
 * stream relay and an EventBridge target, with their queues, table, log group and alarm. Each test breaks
 * one thing in a copy of it.
 */
export function compliantTemplate(): CfnTemplate {
  return structuredClone({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      ApiLambdaFunction: fn('ApiIamRoleLambdaExecution'),
      ApiIamRoleLambdaExecution: role([
        { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } },
      ]),
      ApiLogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/aws/lambda/svc-dev-api', RetentionInDays: 30 },
      },
      HttpApiAuthorizerCognito: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          AuthorizerType: 'JWT',
          JwtConfiguration: {
            Issuer: '{{resolve:ssm:/spendwise/dev/auth/issuer}}',
            Audience: ['{{resolve:ssm:/spendwise/dev/auth/app-client-id}}'],
          },
        },
      },
      HttpApiRouteGetThings: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          RouteKey: 'GET /things',
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: 'HttpApiAuthorizerCognito' },
        },
      },

      ConsumeLambdaFunction: fn('ConsumeIamRoleLambdaExecution', 20),
      ConsumeIamRoleLambdaExecution: role(),
      WorkQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          VisibilityTimeout: 120,
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'] },
            maxReceiveCount: 5,
          },
        },
      },
      WorkDeadLetterQueue: dlq(),
      ConsumeEventSourceMappingSQSWorkQueue: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['WorkQueue', 'Arn'] },
          FunctionName: { 'Fn::GetAtt': ['ConsumeLambdaFunction', 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      },

      RelayLambdaFunction: fn('RelayIamRoleLambdaExecution'),
      RelayIamRoleLambdaExecution: role(),
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        },
      },
      RelayDeadLetterQueue: dlq(),
      RelayEventSourceMappingDynamodbTable: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
          FunctionName: { 'Fn::GetAtt': ['RelayLambdaFunction', 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          MaximumRetryAttempts: 10,
          DestinationConfig: {
            OnFailure: { Destination: { 'Fn::GetAtt': ['RelayDeadLetterQueue', 'Arn'] } },
          },
        },
      },

      ReactLambdaFunction: fn('ReactIamRoleLambdaExecution'),
      ReactIamRoleLambdaExecution: role(),
      ReactDeadLetterQueue: dlq(),
      ReactRule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventBusName: 'spendwise-dev',
          EventPattern: { source: ['spendwise.expenses'] },
          Targets: [
            {
              Id: 'react',
              Arn: { 'Fn::GetAtt': ['ReactLambdaFunction', 'Arn'] },
              RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
              DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['ReactDeadLetterQueue', 'Arn'] } },
            },
          ],
        },
      },
      ReactLambdaEvConf: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'ReactLambdaFunction' },
          Qualifier: '$LATEST',
          DestinationConfig: {
            OnFailure: { Destination: { 'Fn::GetAtt': ['ReactDeadLetterQueue', 'Arn'] } },
          },
        },
      },

      WorkDeadLetterAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          TreatMissingData: 'notBreaching',
          AlarmActions: [opsAlerts],
        },
      },
    },
  } satisfies CfnTemplate);
}

/** The properties of a resource of the template, for a test to change. */
export function props(template: CfnTemplate, id: string): Record<string, unknown> {
  const resource = template.Resources[id];
  if (!resource?.Properties) throw new Error(`fixture has no resource ${id} with properties`);
  return resource.Properties;
}
