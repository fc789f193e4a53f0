import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { equal, ucs2length } from '../../src/validatorRuntime';

// Any UTF-16 code units, lone surrogates included.
const anyCodeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
});

/** JSON with object keys sorted, so two values compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('ucs2length', () => {
  it('counts code points, a surrogate pair once and a lone surrogate once', () => {
    fc.assert(fc.property(anyCodeUnits, (text) => expect(ucs2length(text)).toBe([...text].length)));
  });

  it('counts an emoji as one character', () => {
    expect(ucs2length('🍜ab')).toBe(3);
  });
});

describe('equal', () => {
  it('finds a JSON value equal to its deep copy', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expect(equal(value, structuredClone(value))).toBe(true)),
    );
  });

  it('agrees with comparing canonical JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), (a, b) =>
        expect(equal(a, b)).toBe(canonical(a) === canonical(b)),
      ),
    );
  });

  it('tells an array from an object with the same entries', () => {
    expect(equal(['a'], { 0: 'a' })).toBe(false);
  });
});
