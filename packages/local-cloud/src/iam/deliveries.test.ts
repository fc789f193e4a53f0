import { describe, expect, it } from '@jest/globals';
import { deployedStackOf } from '../testing/deployedStack';
import { plannedDeliveries, stateMachineTasks } from './deliveries';
import { collectPolicies } from './policies';

const where = { region: 'eu-west-1', accountId: '000000000000' };
const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:000000000000:${resource}`;
const role = 'arn:aws:iam::000000000000:role/machine';

describe('plannedDeliveries', () => {
  const stacks = [
    deployedStackOf({
      Rule: {
        type: 'AWS::Events::Rule',
        ref: 'bus|r',
        attributes: { Arn: arn('events', 'rule/bus/r') },
        properties: {
          Targets: [
            { Id: 'q', Arn: arn('sqs', 'q'), DeadLetterConfig: { Arn: arn('sqs', 'dlq') } },
            { Id: 'm', Arn: arn('states', 'stateMachine:m'), RoleArn: role },
          ],
        },
      },
      Subscription: {
        type: 'AWS::SNS::Subscription',
        ref: 's',
        properties: { TopicArn: arn('sns', 't'), Protocol: 'sqs', Endpoint: arn('sqs', 'q') },
      },
      Machine: {
        type: 'AWS::StepFunctions::StateMachine',
        ref: arn('states', 'stateMachine:m'),
        properties: {
          RoleArn: role,
          DefinitionString: JSON.stringify({
            StartAt: 'A',
            States: {
              A: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: arn('lambda', 'function:f'), 'Payload.$': '$' },
              },
              B: {
                Type: 'Parallel',
                Branches: [
                  {
                    StartAt: 'C',
                    States: {
                      C: {
                        Type: 'Task',
                        Resource: 'arn:aws:states:::dynamodb:putItem',
                        Parameters: { TableName: 't' },
                      },
                    },
                  },
                ],
              },
            },
          }),
        },
      },
    }),
  ];

  it('gives each delivery the principal AWS authorises it as, with its source', () => {
    const calls = plannedDeliveries(stacks, collectPolicies(stacks, where), where);
    expect(
      calls.map((c) => [c.principal, c.check.action, c.check.resource, c.check.context['aws:SourceArn']]),
    ).toEqual([
      ['events.amazonaws.com', 'sqs:SendMessage', arn('sqs', 'q'), arn('events', 'rule/bus/r')],
      ['events.amazonaws.com', 'sqs:SendMessage', arn('sqs', 'dlq'), arn('events', 'rule/bus/r')],
      [role, 'states:StartExecution', arn('states', 'stateMachine:m'), undefined],
      ['sns.amazonaws.com', 'sqs:SendMessage', arn('sqs', 'q'), arn('sns', 't')],
      [role, 'lambda:InvokeFunction', arn('lambda', 'function:f'), undefined],
      [role, 'dynamodb:PutItem', arn('dynamodb', 'table/t'), undefined],
    ]);
  });

  it("plans a rule's delivery to a log group as EventBridge's own, against the Logs resource policies", () => {
    const group = arn('logs', 'log-group:/aws/events/bus/audit:*');
    const audit = [
      deployedStackOf({
        Rule: {
          type: 'AWS::Events::Rule',
          ref: 'bus|audit',
          attributes: { Arn: arn('events', 'rule/bus/audit') },
          // A RoleArn is not used for CloudWatch Logs: EventBridge writes under the Logs resource policies.
          properties: { Targets: [{ Id: 'log', Arn: group, RoleArn: role }] },
        },
      }),
    ];

    const calls = plannedDeliveries(audit, collectPolicies(audit, where), where);

    const stream = arn('logs', 'log-group:/aws/events/bus/audit:log-stream:event-id');
    expect(calls.map((c) => [c.principal, c.check.action, c.check.resource])).toEqual([
      ['events.amazonaws.com', 'logs:CreateLogStream', stream],
      ['events.amazonaws.com', 'logs:PutLogEvents', stream],
    ]);
    expect(calls[0]?.check.context['aws:SourceArn']).toBe(arn('events', 'rule/bus/audit'));
  });

  it('finds the tasks of nested branches', () => {
    expect(
      stateMachineTasks({
        States: { P: { Type: 'Map', ItemProcessor: { States: { T: { Type: 'Task', Resource: 'x' } } } } },
      }),
    ).toEqual([{ state: 'T', resource: 'x', parameters: {} }]);
  });
});
