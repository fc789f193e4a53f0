import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { matchesEventPattern } from './eventPattern';
import { matchesFilterPolicy } from './filterPolicy';

/** Leaf values an event field may hold. */
const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
);
/** Single-field patterns drawn from every operator family. */
const fieldPattern = fc.oneof(
  fc.array(leaf, { minLength: 1, maxLength: 3 }),
  fc.string({ maxLength: 3 }).map((p) => [{ prefix: p }]),
  fc.string({ maxLength: 3 }).map((s) => [{ suffix: s }]),
  fc.integer({ min: -1000, max: 1000 }).map((n) => [{ numeric: ['>', n] }]),
  fc.boolean().map((exists) => [{ exists }]),
  fc.string({ maxLength: 3 }).map((v) => [{ 'anything-but': v }]),
);
const fieldName = fc.constantFrom('a', 'b', 'c');
const pattern = fc.dictionary(fieldName, fieldPattern, { minKeys: 1, maxKeys: 2 });
const event = fc.dictionary(fieldName, fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 3 });

describe('pattern properties', () => {
  it('anything-but a string is the negation of exact matching for string values', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, excluded) => {
        const exact = matchesEventPattern({ f: [excluded] }, { f: value });
        const anythingBut = matchesEventPattern({ f: [{ 'anything-but': excluded }] }, { f: value });
        expect(anythingBut).toBe(!exact);
      }),
    );
  });

  it('$or matches exactly the union of its branches', () => {
    fc.assert(
      fc.property(pattern, pattern, event, (left, right, e) => {
        const either = matchesEventPattern({ $or: [left, right] }, e);
        expect(either).toBe(matchesEventPattern(left, e) || matchesEventPattern(right, e));
      }),
    );
  });

  it('a leaf array matches exactly when one of its alternatives matches alone', () => {
    fc.assert(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 4 }), event, (alternatives, e) => {
        const together = matchesEventPattern({ a: alternatives }, e);
        expect(together).toBe(
          alternatives.some((alternative) => matchesEventPattern({ a: [alternative] }, e)),
        );
      }),
    );
  });

  it('an event array matches exactly when one of its elements matches alone', () => {
    fc.assert(
      fc.property(fieldPattern, fc.array(leaf, { minLength: 1, maxLength: 4 }), (p, values) => {
        const asArray = matchesEventPattern({ a: p }, { a: values });
        const anyAlone = values.some((value) => matchesEventPattern({ a: p }, { a: value }));
        const isExists = p.some(
          (alternative) => typeof alternative === 'object' && alternative !== null && 'exists' in alternative,
        );
        // `exists` looks at the field as a whole, so it is the one operator this law does not cover.
        expect(isExists || asArray === anyAlone).toBe(true);
      }),
    );
  });

  it('exists true and exists false are complementary on every event', () => {
    fc.assert(
      fc.property(event, (e) => {
        const present = matchesEventPattern({ a: [{ exists: true }] }, e);
        expect(matchesEventPattern({ a: [{ exists: false }] }, e)).toBe(!present);
      }),
    );
  });

  it('a string always matches its own prefixes and suffixes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (head, tail) => {
        expect(matchesEventPattern({ f: [{ prefix: head }] }, { f: head + tail })).toBe(true);
        expect(matchesEventPattern({ f: [{ suffix: tail }] }, { f: head + tail })).toBe(true);
      }),
    );
  });

  it('equals-ignore-case matches any casing of the same ASCII letters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9 ]{0,10}$/), (text) => {
        expect(
          matchesEventPattern(
            { f: [{ 'equals-ignore-case': text.toUpperCase() }] },
            { f: text.toLowerCase() },
          ),
        ).toBe(true);
      }),
    );
  });

  it('a wildcard without * or \\ behaves as exact string matching', () => {
    const plain = fc.string().filter((s) => !s.includes('*') && !s.includes('\\'));
    fc.assert(
      fc.property(plain, fc.string(), (wild, value) => {
        expect(matchesEventPattern({ f: [{ wildcard: wild }] }, { f: value })).toBe(wild === value);
      }),
    );
  });

  it('a wildcard a*b matches every string made of a, anything, b', () => {
    const part = fc.string().filter((s) => !s.includes('*') && !s.includes('\\'));
    fc.assert(
      fc.property(part, fc.string(), part, (head, middle, tail) => {
        expect(
          matchesEventPattern({ f: [{ wildcard: `${head}*${tail}` }] }, { f: head + middle + tail }),
        ).toBe(true);
      }),
    );
  });

  it('numeric ranges agree with plain comparison on integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (value, low, width) => {
          const matched = matchesEventPattern(
            { v: [{ numeric: ['>=', low, '<', low + width] }] },
            { v: value },
          );
          expect(matched).toBe(value >= low && value < low + width);
        },
      ),
    );
  });

  it('SNS String attributes and body properties match the same string policies', () => {
    fc.assert(
      fc.property(fieldPattern, fc.string({ maxLength: 6 }), (p, value) => {
        const policy = { a: p };
        const byAttribute = matchesFilterPolicy(
          policy,
          { attributes: { a: { DataType: 'String', StringValue: value } }, body: '' },
          'MessageAttributes',
        );
        const byBody = matchesFilterPolicy(
          policy,
          { attributes: {}, body: JSON.stringify({ a: value }) },
          'MessageBody',
        );
        expect(byAttribute).toBe(byBody);
      }),
    );
  });
});
