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

  it('finds the tasks of nested branches', () => {
    expect(
      stateMachineTasks({
        States: { P: { Type: 'Map', ItemProcessor: { States: { T: { Type: 'Task', Resource: 'x' } } } } },
      }),
    ).toEqual([{ state: 'T', resource: 'x', parameters: {} }]);
  });
});
