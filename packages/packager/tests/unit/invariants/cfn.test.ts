import { describe, expect, it } from '@jest/globals';
import { refTarget, renderString } from '../../../src/invariants/cfn';

describe('renderString', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
  it('renders Fn::Join with pseudo parameters as ${…}', () => {
    const value = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }]] };

    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
    expect(renderString(value)).toBe('arn:${AWS::Partition}:sns:${AWS::Region}');
  });

  it('substitutes the variables map of Fn::Sub', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
    const value = { 'Fn::Sub': ['arn:${AWS::Partition}:sns:${Name}', { Name: 'topic' }] };

    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
    expect(renderString(value)).toBe('arn:${AWS::Partition}:sns:topic');
  });

  it('gives up on intrinsics it cannot render', () => {
    expect(renderString({ 'Fn::ImportValue': 'x' })).toBeUndefined();
  });
});

describe('refTarget', () => {
  it('reads Ref, both forms of Fn::GetAtt, and ignores pseudo parameters', () => {
    expect(refTarget({ Ref: 'Queue' })).toBe('Queue');
    expect(refTarget({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('Queue');
    expect(refTarget({ 'Fn::GetAtt': 'Queue.Arn' })).toBe('Queue');
    expect(refTarget({ Ref: 'AWS::Region' })).toBeUndefined();
  });
});
