import { describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { type JsonSchema, sampleFromSchema, violateSchema } from './schemaSample';
import { seededRandom } from './seed';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

/** The shape the insights workflow asks the model for. */
const reportSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['headline', 'highlights', 'riskLevel', 'savingsEstimate', 'month'],
  properties: {
    headline: { type: 'string', minLength: 10, maxLength: 120 },
    highlights: {
      type: 'array',
      minItems: 3,
      maxItems: 5,
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
    },
    riskLevel: { enum: ['low', 'medium', 'high'] },
    savingsEstimate: { type: 'number', minimum: 0, maximum: 500, multipleOf: 0.5 },
    month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    categories: { type: 'array', items: { $ref: '#/$defs/category' } },
    generatedAt: { type: 'string', format: 'date-time' },
    note: { anyOf: [{ type: 'null' }, { type: 'string' }] },
  },
  $defs: {
    category: {
      type: 'object',
      required: ['name', 'share'],
      properties: { name: { type: 'string' }, share: { type: 'integer', exclusiveMinimum: 0, maximum: 100 } },
    },
  },
};

const source = (prompt: string) => ({
  ...seededRandom(prompt),
  figures: ['€120.50', '35%'],
  topics: ['groceries'],
  dates: ['2025-01'],
});

describe('sampleFromSchema', () => {
  it('produces input that validates against the tool schema', () => {
    const value = sampleFromSchema(reportSchema, source('a'));

    const valid = ajv.validate(reportSchema, value);

    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('uses figures and topics from the prompt in strings', () => {
    const value = sampleFromSchema({ type: 'string' }, source('b')) as string;

    expect(value).toMatch(/groceries/i);
    expect(value).toMatch(/€120\.50|35%/);
  });

  it('is deterministic for the same seed', () => {
    expect(sampleFromSchema(reportSchema, source('same'))).toEqual(
      sampleFromSchema(reportSchema, source('same')),
    );
  });

  it('validates for any seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) =>
        ajv.validate(reportSchema, sampleFromSchema(reportSchema, source(seed))),
      ),
      { numRuns: 200 },
    );
  });
});

describe('violateSchema', () => {
  it('breaks a valid sample so that it no longer validates', () => {
    const valid = sampleFromSchema(reportSchema, source('c'));

    const broken = violateSchema(reportSchema, valid);

    expect(ajv.validate(reportSchema, broken)).toBe(false);
  });
});
