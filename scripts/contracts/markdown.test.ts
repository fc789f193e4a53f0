import { describe, expect, it } from '@jest/globals';
import { anchor, cell, code, prettyJson } from './markdown';

describe('markdown helpers', () => {
  it('keeps free text inside its table cell', () => {
    expect(cell('a | b\n  c <EventName>')).toBe('a \\| b c &lt;EventName>');
  });

  it('wraps text holding a backtick in a double code span', () => {
    expect(code('a`b')).toBe('`` a`b ``');
  });

  it('gives the anchor GitHub gives a heading', () => {
    expect(anchor('ExpenseRecorded v1')).toBe('expenserecorded-v1');
  });
});

describe('prettyJson', () => {
  it('keeps short scalar arrays and objects on one line and indents the rest', () => {
    const json = prettyJson({ amount: { minorUnits: 1250, currency: 'EUR' }, tags: ['a', 'b'], empty: [] });

    expect(json).toBe(
      '{\n  "amount": { "minorUnits": 1250, "currency": "EUR" },\n  "tags": ["a", "b"],\n  "empty": []\n}',
    );
  });

  it('breaks a scalar object too long for one line', () => {
    const long = { first: 'x'.repeat(40), second: 'y'.repeat(40) };

    expect(prettyJson(long)).toBe(`{\n  "first": "${'x'.repeat(40)}",\n  "second": "${'y'.repeat(40)}"\n}`);
  });

  it('parses back to the same value', () => {
    const value = { a: [1, { b: null, c: [true, 'x'] }], d: 'q"uote' };

    expect(JSON.parse(prettyJson(value))).toEqual(value);
  });
});
