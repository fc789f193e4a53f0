import { describe, expect, it } from '@jest/globals';
import { FingerprintDepthError, fingerprintSchema } from './fingerprint';
import type { JsonSchema } from './schemaWalk';

const ID = 'https://schemas.spendwise.dev/events/test/Thing.v1.schema.json';

const fingerprint = (schema: JsonSchema) =>
  fingerprintSchema(ID, new Map([[ID, { schema: { $id: ID, ...schema } }]]));

describe('fingerprintSchema', () => {
  it('records each field path with its types and presence', () => {
    const schema = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    };

    expect(fingerprint(schema)).toEqual({
      id: 'required string',
      tags: 'optional array',
      'tags[]': 'required string',
    });
  });

  it('merges allOf members and follows local $refs', () => {
    const schema = {
      $defs: {
        base: { type: 'object', required: ['version'], properties: { version: { type: 'integer' } } },
      },
      type: 'object',
      required: ['meta'],
      properties: {
        meta: {
          allOf: [{ $ref: '#/$defs/base' }, { type: 'object', properties: { version: { const: 1 } } }],
        },
      },
    };

    expect(fingerprint(schema)).toEqual({ meta: 'required object', 'meta.version': 'required integer' });
  });

  it('unions the types of oneOf branches', () => {
    const schema = {
      type: 'object',
      properties: { note: { oneOf: [{ type: 'string' }, { type: 'null' }] } },
    };

    expect(fingerprint(schema)).toEqual({ note: 'optional null|string' });
  });

  it('derives the type of an enum from its values', () => {
    const schema = { type: 'object', properties: { field: { enum: ['amount', 'date'] } } };

    expect(fingerprint(schema)).toEqual({ field: 'optional string' });
  });

  it('stops on a recursive schema instead of looping', () => {
    const schema = { type: 'object', properties: { child: { $ref: '#' } } };

    expect(() => fingerprint(schema)).toThrow(FingerprintDepthError);
  });
});
