import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

const mapping = 'RelayEventSourceMappingDynamodbTable';

describe('stream invariants', () => {
  it('rejects a stream mapping without partial batch responses', () => {
    const template = compliantTemplate();
    props(template, mapping).FunctionResponseTypes = [];

    expect(broken(template)).toEqual([`partial-batch-responses ${mapping}`]);
  });

  it.each([
    ['absent', undefined],
    ['-1 (forever)', -1],
  ])('rejects MaximumRetryAttempts %s', (_label, retries) => {
    const template = compliantTemplate();
    props(template, mapping).MaximumRetryAttempts = retries;

    expect(broken(template)).toEqual([`stream-bounded-retries ${mapping}`]);
  });

  it('rejects a stream mapping without an on-failure destination', () => {
    const template = compliantTemplate();
    delete props(template, mapping).DestinationConfig;
    delete template.Resources.RelayDeadLetterQueue;

    expect(broken(template)).toEqual([`stream-on-failure-destination ${mapping}`]);
  });

  it('recognises a Kinesis stream outside the template by its ARN', () => {
    const template = compliantTemplate();
    props(template, mapping).EventSourceArn = {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      'Fn::Sub': 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks',
    };
    delete props(template, mapping).DestinationConfig;
    delete template.Resources.RelayDeadLetterQueue;

    expect(broken(template)).toEqual([`stream-on-failure-destination ${mapping}`]);
  });
});
