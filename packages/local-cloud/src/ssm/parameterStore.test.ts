import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { ParameterStoreEngine } from './parameterStore';
import { SsmParameterProvider } from './provider';

const config = { region: 'eu-west-1', accountId: '000000000000' };

describe('ParameterStoreEngine', () => {
  it('keeps versions and answers name:version selectors', () => {
    const store = new ParameterStoreEngine(config);
    store.putParameter({ Name: '/spendwise/local/model-id', Value: 'a', Type: 'String' });

    store.put('/spendwise/local/model-id', 'b');

    expect(store.get('/spendwise/local/model-id')).toBe('b');
    expect(store.describe('/spendwise/local/model-id:1')?.value).toBe('a');
    expect(store.describe('/spendwise/local/model-id')?.version).toBe(2);
  });

  it('refuses to overwrite without Overwrite and enforces AllowedPattern', () => {
    const store = new ParameterStoreEngine(config);
    store.putParameter({ Name: 'threshold', Value: '80', Type: 'String', AllowedPattern: '^\\d+$' });

    expect(() => store.putParameter({ Name: 'threshold', Value: '90' })).toThrow(
      expect.objectContaining({ code: 'ParameterAlreadyExists' }),
    );
    expect(() => store.putParameter({ Name: 'threshold', Value: 'ninety', Overwrite: true })).toThrow(
      expect.objectContaining({ code: 'ParameterPatternMismatchException' }),
    );
  });

  it('lists direct children of a path, or all descendants when recursive', () => {
    const store = new ParameterStoreEngine(config);
    for (const name of ['/app/a', '/app/b', '/app/deep/c', '/other/d']) store.put(name, name);

    expect(store.byPath('/app', false).map((record) => record.name)).toEqual(['/app/a', '/app/b']);
    expect(store.byPath('/app', true).map((record) => record.name)).toEqual([
      '/app/a',
      '/app/b',
      '/app/deep/c',
    ]);
  });

  it('resolves a parameter by ARN', () => {
    const store = new ParameterStoreEngine(config);
    store.put('/app/a', 'x');

    expect(store.describe(store.arnOf('/app/a'))?.value).toBe('x');
  });
});

describe('SsmParameterProvider', () => {
  it('creates the parameter synchronously and answers Ref and GetAtt', async () => {
    const { cloud, recorded } = fakeCloud();
    const store = new ParameterStoreEngine(cloud.config);
    const provider = new SsmParameterProvider(store);

    const created = await provider.create(
      {
        stack: 'insights',
        stackDir: '/tmp',
        logicalId: 'ModelIdParameter',
        type: 'AWS::SSM::Parameter',
        properties: {
          Name: '/spendwise/local/insights/model-id',
          Type: 'String',
          Value: 'anthropic.claude',
          Policies: '[]',
        },
      },
      cloud,
    );

    expect(created).toEqual({
      ref: '/spendwise/local/insights/model-id',
      attributes: { Type: 'String', Value: 'anthropic.claude' },
    });
    expect(store.get('/spendwise/local/insights/model-id')).toBe('anthropic.claude');
    expect(recorded.unsupported.map((item) => item.property)).toEqual(['Policies']);
  });
});
