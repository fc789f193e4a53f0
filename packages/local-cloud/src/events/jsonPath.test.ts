import { describe, expect, it } from '@jest/globals';
import { InvalidJsonPathError, readJsonPath } from './jsonPath';

const event = { detail: { 'instance-id': 'i-1', items: [{ n: 1 }, { n: 2 }], path: { 'a/b': true } } };

describe('the EventBridge JSONPath subset', () => {
  it('reads dotted members with dashes and slashes', () => {
    expect(readJsonPath(event, '$.detail.instance-id')).toEqual({ found: true, value: 'i-1' });
    expect(readJsonPath(event, '$.detail.path.a/b')).toEqual({ found: true, value: true });
  });

  it('reads array indexes and the whole document', () => {
    expect(readJsonPath(event, '$.detail.items[1].n')).toEqual({ found: true, value: 2 });
    expect(readJsonPath(event, '$')).toEqual({ found: true, value: event });
  });

  it('collects wildcard matches into an array', () => {
    expect(readJsonPath(event, '$.detail.items[*].n')).toEqual({ found: true, value: [1, 2] });
  });

  it('reports a missing member as not found', () => {
    expect(readJsonPath(event, '$.detail.nothing')).toEqual({ found: false });
    expect(readJsonPath(event, '$.detail.items[5]')).toEqual({ found: false });
  });

  it('refuses bracket notation and paths that do not start at $', () => {
    expect(() => readJsonPath(event, "$['detail']")).toThrow(InvalidJsonPathError);
    expect(() => readJsonPath(event, 'detail.x')).toThrow(InvalidJsonPathError);
  });
});
