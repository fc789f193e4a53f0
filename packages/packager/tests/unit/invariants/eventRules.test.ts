import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

function firstTarget(template: ReturnType<typeof compliantTemplate>): Record<string, unknown> {
  return (props(template, 'ReactRule').Targets as Record<string, unknown>[])[0]!;
}

describe('EventBridge rule invariants', () => {
  it('rejects a rule target without a dead-letter queue', () => {
    const template = compliantTemplate();
    delete firstTarget(template).DeadLetterConfig;

    expect(broken(template)).toEqual(['rule-target-dlq ReactRule']);
  });

  it('rejects a rule target without a retry policy', () => {
    const template = compliantTemplate();
    delete firstTarget(template).RetryPolicy;

    expect(broken(template)).toEqual(['rule-target-retry-policy ReactRule']);
  });

  it('checks scheduler targets the same way', () => {
    const template = compliantTemplate();
    template.Resources.Monthly = {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'cron(0 6 1 * ? *)',
        Target: { Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:report', RoleArn: 'x' },
      },
    };

    expect(broken(template)).toEqual(['rule-target-dlq Monthly', 'rule-target-retry-policy Monthly']);
  });
});
