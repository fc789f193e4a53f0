import { describe, expect, it } from '@jest/globals';
import type { BusEvent } from '../core/ports';
import { targetInput } from './transform';

/** The EC2 example event of the EventBridge user guide's input transformation page. */
const event: BusEvent = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', count: 3 },
};
const context = {
  event,
  ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
  ruleName: 'example',
  ingestionTime: '2015-11-11T21:29:55Z',
};
const InputPathsMap = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const transform = (InputTemplate: string, paths: Record<string, string> = InputPathsMap) =>
  targetInput({ InputTransformer: { InputPathsMap: paths, InputTemplate } }, context);

describe('target input', () => {
  it('sends the whole event when the target has no input settings', () => {
    expect(JSON.parse(targetInput({}, context))).toEqual(event);
  });

  it('sends a constant Input as given', () => {
    expect(targetInput({ Input: '{"fixed":true}' }, context)).toBe('{"fixed":true}');
  });

  it('sends the value at InputPath as JSON', () => {
    expect(targetInput({ InputPath: '$.detail' }, context)).toBe(JSON.stringify(event.detail));
    expect(targetInput({ InputPath: '$.detail.state' }, context)).toBe('"RUNNING"');
  });

  it('renders a simple string template as a JSON string', () => {
    expect(transform('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it('keeps escaped quotes of a string template', () => {
    expect(transform('"instance \\"<instance>\\" is in <state>"')).toBe(
      '"instance \\"i-0123456789\\" is in RUNNING"',
    );
  });

  it('quotes string values placed outside quotes in a JSON template', () => {
    expect(JSON.parse(transform('{"instance" : <instance>, "state": <state>}'))).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
    });
  });

  it('mixes variables, quoted variables and static values in a JSON template', () => {
    const output = transform(
      '{"instance": <instance>, "state": [9, <state>, true], "status": "instance \\"<instance>\\" is in <state>"}',
    );

    expect(JSON.parse(output)).toEqual({
      instance: 'i-0123456789',
      state: [9, 'RUNNING', true],
      status: 'instance "i-0123456789" is in RUNNING',
    });
  });

  it('inserts numbers as numbers outside quotes', () => {
    expect(JSON.parse(transform('{"n": <count>}', { count: '$.detail.count' }))).toEqual({ n: 3 });
  });

  it('fills the predefined rule variables and the event without its detail', () => {
    const output = JSON.parse(
      transform(
        '{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event>}',
      ),
    );

    const { detail: _detail, ...withoutDetail } = event;
    expect(output).toEqual({ ruleArn: context.ruleArn, ruleName: 'example', originalEvent: withoutDetail });
  });

  it('inserts the full event with <aws.events.event.json> and the ingestion time as a string', () => {
    const output = JSON.parse(
      transform('{"event": <aws.events.event.json>, "at": "<aws.events.event.ingestion-time>"}', {}),
    );

    expect(output).toEqual({ event, at: '2015-11-11T21:29:55Z' });
  });

  it('uses predefined variables in a string template', () => {
    expect(transform('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });

  it('escapes a value inserted inside a JSON string so the result stays valid JSON', () => {
    const output = transform('{"message": "got <value>"}', { value: '$.detail' });

    expect(JSON.parse(output)).toEqual({ message: `got ${JSON.stringify(event.detail)}` });
  });

  it('minifies a JSON template', () => {
    expect(transform('{\n  "state" :   <state>\n}')).toBe('{"state":"RUNNING"}');
  });

  it('leaves a variable whose path is missing out of strings and null outside them', () => {
    const output = transform('{"a": <missing>, "b": "x<missing>y"}', { missing: '$.detail.nothing' });

    expect(JSON.parse(output)).toEqual({ a: null, b: 'xy' });
  });

  it('leaves placeholders that name no variable untouched', () => {
    expect(transform('"<b>bold</b> <state>"')).toBe('"<b>bold</b> RUNNING"');
  });
});
