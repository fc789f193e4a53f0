// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub templates spell ${…} literally
import { describe, expect, it } from '@jest/globals';
import { DeploymentError } from './errors';
import { resolveIntrinsics } from './intrinsics';
import { pseudoParameter } from './pseudo';
import type { ResolveScope } from './scope';

const identity = { stackName: 'spendwise-expenses-dev', region: 'eu-west-1', accountId: '000000000000' };

function scope(overrides: Partial<ResolveScope> = {}): ResolveScope {
  const refs: Record<string, unknown> = { Table: 'spendwise-dev-expenses', Stage: 'dev', Zones: ['a', 'b'] };
  const attributes: Record<string, unknown> = {
    'Table.Arn': 'arn:aws:dynamodb:eu-west-1:000000000000:table/t',
  };
  const ssm: Record<string, string> = { '/spendwise/dev/auth/issuer': 'https://issuer.local/pool' };
  return {
    stack: 'expenses',
    owner: 'resource Thing',
    region: identity.region,
    ref: (name) => pseudoParameter(name, identity) ?? refs[name] ?? failLookup(name),
    getAtt: (id, attribute) => attributes[`${id}.${attribute}`] ?? failLookup(`${id}.${attribute}`),
    condition: (name) => name === 'IsDev',
    importValue: (name) => (name === 'shared-bus' ? 'spendwise-dev' : failLookup(name)),
    findInMap: (map, top, second) => ({ Sizes: { dev: { Memory: 256 } } })[map]?.[top]?.[second as 'Memory'],
    ssmParameter: (name) => ssm[name],
    ...overrides,
  };
}

function failLookup(name: string): never {
  throw new DeploymentError(`unknown ${name}`);
}

describe('resolveIntrinsics', () => {
  it('resolves Ref to parameters, resources and pseudo parameters', () => {
    const value = { a: { Ref: 'Table' }, b: { Ref: 'AWS::Region' }, c: { Ref: 'AWS::AccountId' } };

    expect(resolveIntrinsics(value, scope())).toEqual({
      a: 'spendwise-dev-expenses',
      b: 'eu-west-1',
      c: '000000000000',
    });
  });

  it('gives every pseudo parameter a plausible value', () => {
    const names = ['Partition', 'StackName', 'StackId', 'URLSuffix', 'NotificationARNs'].map((n) => ({
      Ref: `AWS::${n}`,
    }));

    const [partition, stackName, stackId, suffix, arns] = resolveIntrinsics(names, scope()) as unknown[];

    expect([partition, stackName, suffix, arns]).toEqual([
      'aws',
      'spendwise-expenses-dev',
      'amazonaws.com',
      [],
    ]);
    expect(stackId).toMatch(
      /^arn:aws:cloudformation:eu-west-1:000000000000:stack\/spendwise-expenses-dev\/[0-9a-f-]{36}$/,
    );
  });

  it('resolves Fn::GetAtt in list and dotted-string forms', () => {
    const value = [{ 'Fn::GetAtt': ['Table', 'Arn'] }, { 'Fn::GetAtt': 'Table.Arn' }];

    expect(resolveIntrinsics(value, scope())).toEqual([
      'arn:aws:dynamodb:eu-west-1:000000000000:table/t',
      'arn:aws:dynamodb:eu-west-1:000000000000:table/t',
    ]);
  });

  it('resolves Fn::Sub with pseudo parameters, refs, attributes and a ${!Literal}', () => {
    const value = { 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${Table}/${Table.Arn}/${!Literal}' };

    expect(resolveIntrinsics(value, scope())).toBe(
      'arn:aws:x:eu-west-1:spendwise-dev-expenses/arn:aws:dynamodb:eu-west-1:000000000000:table/t/${Literal}',
    );
  });

  it('resolves Fn::Sub with a variable map whose values are intrinsics', () => {
    const value = { 'Fn::Sub': ['${Name}-${Stage}', { Name: { 'Fn::Join': ['-', ['a', 'b']] } }] };

    expect(resolveIntrinsics(value, scope())).toBe('a-b-dev');
  });

  it('joins, splits and selects', () => {
    const value = {
      joined: { 'Fn::Join': [':', ['a', { Ref: 'Stage' }, 'c']] },
      split: { 'Fn::Split': [',', 'x,y,z'] },
      selected: { 'Fn::Select': ['1', { 'Fn::Split': [',', 'x,y,z'] }] },
      fromRef: { 'Fn::Join': ['+', { Ref: 'Zones' }] },
    };

    expect(resolveIntrinsics(value, scope())).toEqual({
      joined: 'a:dev:c',
      split: ['x', 'y', 'z'],
      selected: 'y',
      fromRef: 'a+b',
    });
  });

  it('rejects a Fn::Select index outside the list, naming the property', () => {
    const value = { Deep: { 'Fn::Select': [3, ['a']] } };

    expect(() => resolveIntrinsics(value, scope())).toThrow(
      /resource Thing, property Deep: Fn::Select index 3/,
    );
  });

  it('chooses the Fn::If branch and removes AWS::NoValue from maps and lists', () => {
    const value = {
      kept: { 'Fn::If': ['IsDev', 'dev-value', 'prod-value'] },
      dropped: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] },
      list: ['a', { 'Fn::If': ['IsProd', 'b', { Ref: 'AWS::NoValue' }] }, 'c'],
    };

    expect(resolveIntrinsics(value, scope())).toEqual({ kept: 'dev-value', list: ['a', 'c'] });
  });

  it('imports exported values, finds in maps, lists AZs and encodes base64', () => {
    const value = [
      { 'Fn::ImportValue': 'shared-bus' },
      { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] },
      { 'Fn::GetAZs': '' },
      { 'Fn::Base64': 'hi' },
    ];

    expect(resolveIntrinsics(value, scope())).toEqual([
      'spendwise-dev',
      256,
      ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      'aGk=',
    ]);
  });

  it('replaces {{resolve:ssm:name}} and {{resolve:ssm:name:version}} inside strings', () => {
    const value = {
      Issuer: '{{resolve:ssm:/spendwise/dev/auth/issuer}}',
      Text: 'at {{resolve:ssm:/spendwise/dev/auth/issuer:3}}!',
    };

    expect(resolveIntrinsics(value, scope())).toEqual({
      Issuer: 'https://issuer.local/pool',
      Text: 'at https://issuer.local/pool!',
    });
  });

  it('fails on an unknown SSM parameter, naming resource, property and parameter', () => {
    const value = { JwtConfiguration: { Audience: ['{{resolve:ssm:/missing/client-id}}'] } };

    expect(() => resolveIntrinsics(value, scope())).toThrow(
      'stack expenses: resource Thing, property JwtConfiguration.Audience[0]: SSM parameter /missing/client-id',
    );
  });

  it('rejects dynamic references to services it cannot reach locally', () => {
    expect(() => resolveIntrinsics('{{resolve:ssm-secure:/db/password}}', scope())).toThrow(
      /not available locally/,
    );
  });

  it('resolves secretsmanager references to the secrets of the templates, and names a missing one', () => {
    const withSecret = {
      ...scope(),
      secretValue: (reference: string) => (reference.startsWith('db:') ? 's3cret' : undefined),
    };

    expect(resolveIntrinsics('x-{{resolve:secretsmanager:db:SecretString}}', withSecret)).toBe('x-s3cret');
    expect(() => resolveIntrinsics('{{resolve:secretsmanager:other:SecretString}}', withSecret)).toThrow(
      'secret other:SecretString (dynamic reference {{resolve:secretsmanager:other:SecretString}}) is not an AWS::SecretsManager::Secret',
    );
  });

  it('leaves IAM policy Condition blocks alone and rejects unknown functions', () => {
    const policy = { Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } };

    expect(resolveIntrinsics(policy, scope())).toEqual({
      Condition: { StringEquals: { 'aws:SourceAccount': '000000000000' } },
    });
    expect(() => resolveIntrinsics({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }, scope())).toThrow(
      /Fn::Cidr is not supported/,
    );
  });
});
