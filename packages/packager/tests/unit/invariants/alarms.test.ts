import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

const alarm = 'WorkDeadLetterAlarm';

describe('alarm invariants', () => {
  it('rejects a template with functions and no alarm', () => {
    const template = compliantTemplate();
    delete template.Resources[alarm];

    expect(broken(template)).toEqual(['alarms-present (template)']);
  });

  it('asks nothing of a template without functions', () => {
    const template = { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't' } } } };

    expect(broken(template)).toEqual([]);
  });

  it.each([
    ['missing', 'missing'],
    ['breaching', 'breaching'],
    ['left to the default', undefined],
  ])('rejects an alarm that treats missing data as %s', (_name, treatment) => {
    const template = compliantTemplate();
    if (treatment === undefined) delete props(template, alarm).TreatMissingData;
    else props(template, alarm).TreatMissingData = treatment;

    expect(broken(template)).toEqual([`alarm-missing-data ${alarm}`]);
  });

  it('rejects an alarm that notifies another topic', () => {
    const template = compliantTemplate();
    props(template, alarm).AlarmActions = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:spendwise-dev-user-alerts' },
    ];

    expect(broken(template)).toEqual([`alarm-notifies-ops ${alarm}`]);
  });

  it("rejects another stage's ops-alerts topic", () => {
    const template = compliantTemplate();

    expect(broken(template, 'sample', 'prod')).toEqual([`alarm-notifies-ops ${alarm}`]);
  });

  it('rejects a literal ARN with an account id baked in', () => {
    const template = compliantTemplate();
    props(template, alarm).AlarmActions = ['arn:aws:sns:eu-west-1:123456789012:spendwise-dev-ops-alerts'];

    expect(broken(template)).toEqual([`alarm-notifies-ops ${alarm}`]);
  });

  it('rejects an alarm whose actions are disabled', () => {
    const template = compliantTemplate();
    props(template, alarm).ActionsEnabled = false;

    expect(broken(template)).toEqual([`alarm-notifies-ops ${alarm}`]);
  });

  it("accepts the convention ARN of the platform's alarms topic, which the ops router reads", () => {
    const template = compliantTemplate();
    props(template, alarm).AlarmActions = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:spendwise-dev-alarms' },
    ];

    expect(broken(template)).toEqual([]);
  });

  it('accepts the convention ARN built with Fn::Join', () => {
    const template = compliantTemplate();
    props(template, alarm).AlarmActions = [
      {
        'Fn::Join': [
          ':',
          [
            'arn',
            { Ref: 'AWS::Partition' },
            'sns',
            { Ref: 'AWS::Region' },
            { Ref: 'AWS::AccountId' },
            'spendwise-dev-ops-alerts',
          ],
        ],
      },
    ];

    expect(broken(template)).toEqual([]);
  });

  it("accepts a Ref to the platform's own ops-alerts topic", () => {
    const template = compliantTemplate();
    template.Resources.OpsAlertsTopic = {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'spendwise-dev-ops-alerts' },
    };
    props(template, alarm).AlarmActions = [{ Ref: 'OpsAlertsTopic' }];

    expect(broken(template, 'platform')).toEqual([]);
  });
});
