import { describe, expect, it } from '@jest/globals';
import { conditionEvaluator } from './conditions';
import { DeploymentError } from './errors';
import type { ResolveScope } from './scope';

const scopeFor = (name: string): ResolveScope => ({
  stack: 's',
  owner: `condition ${name}`,
  region: 'eu-west-1',
  ref: (ref) =>
    ({ Stage: 'prod', Region: 'eu-west-1' })[ref] ?? (ref === 'AWS::Region' ? 'eu-west-1' : undefined),
  getAtt: () => {
    throw new DeploymentError('no attributes in conditions');
  },
  condition: () => false,
  importValue: () => undefined,
  findInMap: () => undefined,
  ssmParameter: () => undefined,
});

const conditions = {
  IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
  IsDev: { 'Fn::Equals': ['dev', { Ref: 'Stage' }] },
  InEurope: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
  ProdInEurope: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'InEurope' }] },
  DevOrEurope: { 'Fn::Or': [{ Condition: 'IsDev' }, { Condition: 'InEurope' }] },
  NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
  Loop: { 'Fn::Not': [{ Condition: 'Loop' }] },
};

describe('conditionEvaluator', () => {
  it.each([
    ['IsProd', true],
    ['IsDev', false],
    ['ProdInEurope', true],
    ['DevOrEurope', true],
    ['NotProd', false],
  ])('evaluates %s to %s', (name, expected) => {
    const evaluate = conditionEvaluator(conditions, scopeFor);

    expect(evaluate(name)).toBe(expected);
  });

  it('rejects a condition that refers to itself and one that does not exist', () => {
    const evaluate = conditionEvaluator(conditions, scopeFor);

    expect(() => evaluate('Loop')).toThrow(/refers to itself/);
    expect(() => evaluate('Missing')).toThrow(/condition Missing is not defined/);
  });
});
