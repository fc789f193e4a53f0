import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

describe('queue invariants', () => {
  it('rejects a queue with no redrive policy', () => {
    const template = compliantTemplate();
    template.Resources.OrphanQueue = { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } };

    expect(broken(template)).toEqual(['queue-dlq OrphanQueue']);
  });

  it('rejects a redrive policy without maxReceiveCount', () => {
    const template = compliantTemplate();
    props(template, 'WorkQueue').RedrivePolicy = {
      deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'] },
    };

    expect(broken(template)).toEqual(['queue-dlq WorkQueue']);
  });

  it('reads a redrive policy written as a JSON string', () => {
    const template = compliantTemplate();
    props(template, 'WorkQueue').RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:work-dlq',
      maxReceiveCount: 3,
    });
    delete template.Resources.WorkDeadLetterQueue;

    expect(broken(template)).toEqual([]);
  });

  it('does not ask a dead-letter queue for a dead-letter queue of its own', () => {
    const template = compliantTemplate();

    const violations = broken(template).filter((v) => v.endsWith('DeadLetterQueue'));

    expect(violations).toEqual([]);
    expect(props(template, 'WorkDeadLetterQueue').RedrivePolicy).toBeUndefined();
  });

  it('asks a consumed queue for a redrive policy even when it is also a dead-letter queue', () => {
    const template = compliantTemplate();
    props(template, 'ConsumeEventSourceMappingSQSWorkQueue').EventSourceArn = {
      'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'],
    };
    props(template, 'WorkDeadLetterQueue').VisibilityTimeout = 120;

    expect(broken(template)).toEqual(['queue-dlq WorkDeadLetterQueue']);
  });

  it('rejects a visibility timeout under 6 × the consumer timeout', () => {
    const template = compliantTemplate();
    props(template, 'WorkQueue').VisibilityTimeout = 119; // consumer Timeout is 20

    expect(broken(template)).toEqual(['queue-visibility-timeout WorkQueue']);
  });

  it('uses the SQS default of 30 s when VisibilityTimeout is absent', () => {
    const template = compliantTemplate();
    delete props(template, 'WorkQueue').VisibilityTimeout;
    props(template, 'ConsumeLambdaFunction').Timeout = 5;

    expect(broken(template)).toEqual([]);
  });

  it('rejects an SQS mapping without partial batch responses', () => {
    const template = compliantTemplate();
    delete props(template, 'ConsumeEventSourceMappingSQSWorkQueue').FunctionResponseTypes;

    expect(broken(template)).toEqual(['partial-batch-responses ConsumeEventSourceMappingSQSWorkQueue']);
  });
});
