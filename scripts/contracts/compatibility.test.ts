import { describe, expect, it } from '@jest/globals';
import { diffFingerprints, parentPath } from './compatibility';
import { fingerprintSchema } from './fingerprint';
import type { JsonSchema } from './schemaWalk';

const ID = 'https://schemas.spendwise.dev/events/test/Thing.v1.schema.json';
const MONEY_ID = 'https://schemas.spendwise.dev/events/common/money.v1.schema.json';

const money: JsonSchema = {
  $id: MONEY_ID,
  type: 'object',
  required: ['minorUnits', 'currency'],
  properties: { minorUnits: { type: 'integer' }, currency: { type: 'string' } },
};

/** A synthetic event schema whose data holds `data`'s properties, with `required` of them required. */
function eventSchema(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return {
    $id: ID,
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'object', required, properties } },
  };
}

const before = eventSchema(
  {
    amount: { $ref: '../common/money.v1.schema.json' },
    note: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  ['amount', 'tags'],
);

function diff(after: JsonSchema) {
  const fingerprint = (schema: JsonSchema) =>
    fingerprintSchema(
      ID,
      new Map([
        [ID, { schema }],
        [MONEY_ID, { schema: money }],
      ]),
    );
  return diffFingerprints(fingerprint(before), fingerprint(after)).map(({ path, kind, breaking }) => ({
    path,
    kind,
    breaking,
  }));
}

describe('diffFingerprints on synthetic schemas', () => {
  it('finds no change between a schema and itself', () => {
    expect(diff(before)).toEqual([]);
  });

  it('flags a removed field as breaking', () => {
    const after = eventSchema(
      {
        amount: { $ref: '../common/money.v1.schema.json' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      ['amount', 'tags'],
    );

    expect(diff(after)).toEqual([{ path: 'data.note', kind: 'removed', breaking: true }]);
  });

  it('flags a field retyped behind a $ref as breaking', () => {
    const after = eventSchema(
      {
        amount: {
          type: 'object',
          required: ['minorUnits', 'currency'],
          properties: { minorUnits: { type: 'number' }, currency: { type: 'string' } },
        },
        note: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      ['amount', 'tags'],
    );

    expect(diff(after)).toEqual([{ path: 'data.amount.minorUnits', kind: 'retyped', breaking: true }]);
  });

  it('flags retyped array items as breaking', () => {
    const after = eventSchema(
      {
        amount: { $ref: '../common/money.v1.schema.json' },
        note: { type: 'string' },
        tags: { type: 'array', items: { type: 'integer' } },
      },
      ['amount', 'tags'],
    );

    expect(diff(after)).toEqual([{ path: 'data.tags[]', kind: 'retyped', breaking: true }]);
  });

  it('flags a required field turned optional as breaking', () => {
    const after = eventSchema(
      (before.properties as { data: { properties: Record<string, JsonSchema> } }).data.properties,
      ['tags'],
    );

    expect(diff(after)).toEqual([{ path: 'data.amount', kind: 'became-optional', breaking: true }]);
  });

  it('flags a field made nullable as a breaking retype', () => {
    const after = eventSchema(
      {
        amount: { $ref: '../common/money.v1.schema.json' },
        note: { type: ['string', 'null'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
      ['amount', 'tags'],
    );

    expect(diff(after)).toEqual([{ path: 'data.note', kind: 'retyped', breaking: true }]);
  });

  it('accepts an added optional field', () => {
    const after = eventSchema(
      {
        amount: { $ref: '../common/money.v1.schema.json' },
        note: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        merchant: { type: 'string' },
      },
      ['amount', 'tags'],
    );

    expect(diff(after)).toEqual([{ path: 'data.merchant', kind: 'added-optional', breaking: false }]);
  });

  it('flags an added required field as breaking, since events already published lack it', () => {
    const after = eventSchema(
      {
        amount: { $ref: '../common/money.v1.schema.json' },
        note: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        merchant: { type: 'string' },
      },
      ['amount', 'tags', 'merchant'],
    );

    expect(diff(after)).toEqual([{ path: 'data.merchant', kind: 'added-required', breaking: true }]);
  });

  it('accepts an added optional object even when its own fields are required', () => {
    const after = eventSchema(
      {
        amount: { $ref: '../common/money.v1.schema.json' },
        note: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        location: { type: 'object', required: ['lat'], properties: { lat: { type: 'number' } } },
      },
      ['amount', 'tags'],
    );

    expect(diff(after).every((change) => !change.breaking)).toBe(true);
  });
});

describe('parentPath', () => {
  it.each([
    ['data', ''],
    ['data.expense.tags', 'data.expense'],
    ['data.expense.tags[]', 'data.expense.tags'],
    ['data.items[].name', 'data.items[]'],
  ])('finds the parent of %s', (path, parent) => {
    expect(parentPath(path)).toBe(parent);
  });
});
