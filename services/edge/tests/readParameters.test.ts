import { describe, expect, it } from '@jest/globals';
import { type GetParameters, readParameters } from '../src/functions/readParameters/readParameters';

const store = (values: Record<string, string>) => {
  const calls: string[][] = [];
  const get: GetParameters = async (_region, names) => {
    calls.push(names);
    return {
      values: Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]!])),
      missing: names.filter((n) => !(n in values)),
    };
  };
  return { get, calls };
};

describe('readParameters', () => {
  it('answers each attribute with its parameter value', async () => {
    const { get } = store({ '/a': 'a.example', '/b': 'b.example' });

    expect(
      await readParameters({ Region: 'eu-west-1', Parameters: { one: '/a', two: '/b', again: '/a' } }, get),
    ).toEqual({
      one: 'a.example',
      two: 'b.example',
      again: 'a.example',
    });
  });

  it('asks for at most ten names at a time', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `/p${i}`);
    const { get, calls } = store(Object.fromEntries(names.map((n) => [n, n])));

    await readParameters(
      { Region: 'eu-west-1', Parameters: Object.fromEntries(names.map((n) => [n, n])) },
      get,
    );

    expect(calls.map((c) => c.length)).toEqual([10, 2]);
  });

  it('names every missing parameter and what to do', async () => {
    const { get } = store({ '/a': 'x' });

    await expect(
      readParameters({ Region: 'eu-west-1', Parameters: { a: '/a', b: '/b', c: '/c' } }, get),
    ).rejects.toThrow(
      'SSM parameter(s) /b, /c do not exist in eu-west-1: deploy the service(s) that publish them first',
    );
  });

  it('refuses properties without a region or parameters', async () => {
    const { get } = store({});

    await expect(readParameters({ Region: '', Parameters: { a: '/a' } }, get)).rejects.toThrow('Region');
    await expect(readParameters({ Region: 'eu-west-1', Parameters: {} }, get)).rejects.toThrow('Parameters');
  });
});
