import { describe, expect, it } from '@jest/globals';
import { resolveVariables } from './cfnYaml';
import { discoverRules, type ServiceSources } from './eventRules';

const serverless = `
service: spendwise-insights
custom:
  busName: spendwise-\${sls:stage}
functions:
  - recordSpending:
      handler: src/functions/recordSpending/handler.handler
      events:
        - sqs:
            arn: !GetAtt SpendingQueue.Arn
            functionResponseType: ReportBatchItemFailures
  - \${file(resources/functions.yml)}
stepFunctions: \${file(resources/workflow.yml)}
resources:
  - Description: Spendwise insights
  - \${file(resources/rules.yml)}
  - Resources:
      InlineRule:
        Type: AWS::Events::Rule
        Properties:
          EventBusName: \${self:custom.busName}
          EventPattern: { source: [spendwise.catalog] }
          Targets:
            - Id: alert
              Arn: !GetAtt SendDashalertLambdaFunction.Arn
            - Id: report
              Arn: !Ref ReportWorkflow
`;

const functionsFile = `
send-alert:
  handler: src/functions/sendAlert/handler.handler
`;

const workflowFile = `
stateMachines:
  reportWorkflow:
    id: ReportWorkflow
    name: spendwise-insights-\${sls:stage}-report
`;

const rulesFile = `
Resources:
  SpendingQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: \${self:service}-\${sls:stage}-spending
  SpendingRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: \${self:custom.busName}
      EventPattern:
        source: [spendwise.expenses]
      Targets:
        - Id: spending
          Arn: !GetAtt SpendingQueue.Arn
          DeadLetterConfig: { Arn: !GetAtt SpendingRuleDeadLetterQueue.Arn }
        - Id: elsewhere
          Arn: !Sub "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:spendwise-\${sls:stage}-other"
  FailedExecutionsRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.states]
  MonthlyReportSchedule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: \${self:custom.busName}
      ScheduleExpression: cron(0 6 1 * ? *)
`;

const insights: ServiceSources = {
  service: 'insights',
  serverless: { path: 'services/insights/serverless.yml', text: serverless },
  resources: [
    { path: 'services/insights/resources/functions.yml', text: functionsFile },
    { path: 'services/insights/resources/rules.yml', text: rulesFile },
    { path: 'services/insights/resources/workflow.yml', text: workflowFile },
  ],
};

describe('discoverRules', () => {
  it('finds the pattern rules on the Spendwise bus in serverless.yml and resources files', () => {
    const rules = discoverRules([insights]);

    expect(rules.map(({ logicalId, file }) => [logicalId, file])).toEqual([
      ['InlineRule', 'services/insights/serverless.yml'],
      ['SpendingRule', 'services/insights/resources/rules.yml'],
    ]);
  });

  it('names a queue target by its QueueName and the functions reading it', () => {
    const [, spendingRule] = discoverRules([insights]);

    expect(spendingRule?.targets[0]).toEqual({
      kind: 'SQS queue',
      name: 'spendwise-insights-<stage>-spending',
      readBy: ['recordSpending'],
    });
  });

  it('names a target given as an ARN string by the last part of the ARN', () => {
    const [, spendingRule] = discoverRules([insights]);

    expect(spendingRule?.targets[1]).toEqual({
      kind: 'SQS queue',
      name: 'spendwise-<stage>-other',
      readBy: [],
    });
  });

  it('names function and state machine targets declared in files serverless.yml includes', () => {
    const [inlineRule] = discoverRules([insights]);

    expect(inlineRule?.targets).toEqual([
      { kind: 'function', name: 'send-alert', readBy: [] },
      { kind: 'state machine', name: 'spendwise-insights-<stage>-report', readBy: [] },
    ]);
  });

  it('finds nothing in a service without YAML files', () => {
    const rules = discoverRules([{ service: 'notifications', resources: [] }]);

    expect(rules).toEqual([]);
  });
});

describe('resolveVariables', () => {
  it('resolves the stage, the service and custom values, and keeps what it cannot know', () => {
    const file = { service: 'spendwise-insights', custom: { busName: `spendwise-\${sls:stage}` } };

    const resolved = resolveVariables(`\${self:custom.busName}/\${self:service}/\${param:appOrigin}`, file);

    expect(resolved).toBe(`spendwise-<stage>/spendwise-insights/\${param:appOrigin}`);
  });
});
