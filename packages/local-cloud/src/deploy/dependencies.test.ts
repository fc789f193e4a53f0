// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub templates spell ${…} literally
import { describe, expect, it } from '@jest/globals';
import { creationOrder, referencedNames } from './dependencies';
import { DependencyCycleError } from './errors';

describe('referencedNames', () => {
  it('collects Ref, GetAtt (both forms) and Fn::Sub names, but not ${!Literal} or Sub variables', () => {
    const value = {
      a: { Ref: 'Queue' },
      b: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
      c: { 'Fn::GetAtt': 'Role.Arn' },
      d: { 'Fn::Sub': '${Bus.Arn}/${AWS::Region}/${!Ignored}' },
      e: { 'Fn::Sub': ['${Local}-${Topic}', { Local: { Ref: 'Param' } }] },
    };

    expect([...referencedNames(value)].sort()).toEqual([
      'AWS::Region',
      'Bus',
      'Param',
      'Queue',
      'Role',
      'Table',
      'Topic',
    ]);
  });
});

describe('creationOrder', () => {
  it('puts every resource after its references and DependsOn, keeping template order otherwise', () => {
    const resources = {
      Function: { Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }, DependsOn: 'LogGroup' },
      Mapping: {
        Properties: {
          FunctionName: { Ref: 'Function' },
          EventSourceArn: { 'Fn::GetAtt': 'Table.StreamArn' },
        },
      },
      Role: { Properties: {} },
      LogGroup: {},
      Table: {},
    };

    const order = creationOrder('s', resources);

    expect(order.indexOf('Function')).toBeGreaterThan(order.indexOf('Role'));
    expect(order.indexOf('Function')).toBeGreaterThan(order.indexOf('LogGroup'));
    expect(order.indexOf('Mapping')).toBeGreaterThan(order.indexOf('Function'));
    expect(order.indexOf('Mapping')).toBeGreaterThan(order.indexOf('Table'));
    expect(order.slice(0, 3)).toEqual(['Role', 'LogGroup', 'Table']);
  });

  it('rejects a cycle, naming the resources in it', () => {
    const resources = {
      A: { Properties: { x: { Ref: 'B' } } },
      B: { DependsOn: ['A'] },
      C: {},
    };

    expect(() => creationOrder('s', resources)).toThrow(DependencyCycleError);
    expect(() => creationOrder('s', resources)).toThrow(
      'stack s: circular dependency between resources A, B',
    );
  });
});
