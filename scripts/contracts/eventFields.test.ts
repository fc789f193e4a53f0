import { describe, expect, it } from '@jest/globals';
import { flattenFields } from './eventFields';
import type { JsonSchema } from './schemaWalk';

const EVENT_ID = 'https://schemas.spendwise.dev/events/things/ThingDone.v1.schema.json';
const COMMON_ID = 'https://schemas.spendwise.dev/events/common/thing.v1.schema.json';

const common: JsonSchema = {
  $id: COMMON_ID,
  $defs: {
    money: {
      description: 'An amount in minor units',
      type: 'object',
      required: ['minorUnits', 'currency'],
      properties: {
        minorUnits: { type: 'integer', description: 'Whole minor units' },
        currency: { type: 'string', enum: ['EUR', 'JPY'] },
      },
    },
    slug: { type: 'string', description: 'A slug' },
  },
};

const event: JsonSchema = {
  $id: EVENT_ID,
  type: 'object',
  properties: {
    metadata: { type: 'object' },
    data: {
      type: 'object',
      required: ['amount', 'tags'],
      properties: {
        amount: { $ref: '../common/thing.v1.schema.json#/$defs/money', description: 'What it cost' },
        categoryId: {
          oneOf: [{ $ref: '../common/thing.v1.schema.json#/$defs/slug' }, { type: 'null' }],
        },
        tags: { type: 'array', items: { type: 'string', format: 'uuid' } },
        source: { allOf: [{ type: 'string' }, { const: 'model' }] },
      },
    },
  },
};

const schemas = new Map([
  [EVENT_ID, { schema: event }],
  [COMMON_ID, { schema: common }],
]);

function fieldsByPath() {
  const fields = flattenFields(`${EVENT_ID}#/properties/data`, schemas);
  return Object.fromEntries(fields.map(({ path, ...rest }) => [path, rest]));
}

describe('flattenFields', () => {
  it('lists every field below data, following $refs into common schemas, in a stable order', () => {
    const paths = flattenFields(`${EVENT_ID}#/properties/data`, schemas).map((field) => field.path);

    expect(paths).toEqual([
      'amount',
      'amount.currency',
      'amount.minorUnits',
      'categoryId',
      'source',
      'tags',
      'tags[]',
    ]);
  });

  it('prefers a property’s own description to the one of the schema it references', () => {
    const fields = fieldsByPath();

    expect(fields.amount).toMatchObject({ types: ['object'], required: true, description: 'What it cost' });
  });

  it('takes type, required-ness, description and allowed values from behind a $ref', () => {
    const fields = fieldsByPath();

    expect(fields['amount.minorUnits']).toMatchObject({
      types: ['integer'],
      required: true,
      description: 'Whole minor units',
    });
    expect(fields['amount.currency']).toMatchObject({ types: ['string'], values: ['EUR', 'JPY'] });
  });

  it('unites the types of oneOf branches and finds descriptions inside them', () => {
    const fields = fieldsByPath();

    expect(fields.categoryId).toMatchObject({
      types: ['null', 'string'],
      required: false,
      description: 'A slug',
    });
  });

  it('describes array items and their format, and a const inside allOf', () => {
    const fields = fieldsByPath();

    expect(fields['tags[]']).toMatchObject({ types: ['string'], required: true, format: 'uuid' });
    expect(fields.source).toMatchObject({ types: ['string'], values: ['model'] });
  });
});
