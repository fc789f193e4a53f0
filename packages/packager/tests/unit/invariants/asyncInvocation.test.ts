import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

describe('asynchronous invocation invariants', () => {
  it('rejects an EventBridge-invoked function without an on-failure destination', () => {
    const template = compliantTemplate();
    delete template.Resources.ReactLambdaEvConf;

    expect(broken(template)).toEqual(['async-failure-destination ReactLambdaFunction']);
  });

  it("accepts the function's own dead-letter queue instead", () => {
    const template = compliantTemplate();
    delete template.Resources.ReactLambdaEvConf;
    props(template, 'ReactLambdaFunction').DeadLetterConfig = {
      TargetArn: { 'Fn::GetAtt': ['ReactDeadLetterQueue', 'Arn'] },
    };

    expect(broken(template)).toEqual([]);
  });

  it('treats a function subscribed to an SNS topic as asynchronously invoked', () => {
    const template = compliantTemplate();
    template.Resources.ApiSubscription = {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        Protocol: 'lambda',
        Endpoint: { 'Fn::GetAtt': ['ApiLambdaFunction', 'Arn'] },
        TopicArn: 't',
      },
    };

    expect(broken(template)).toEqual(['async-failure-destination ApiLambdaFunction']);
  });
});
