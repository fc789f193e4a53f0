import { describe, expect, it } from '@jest/globals';
import type { ErrorObject } from '../../src/index';
import { validationErrors } from '../../src/index';

function ajvError(overrides: Partial<ErrorObject>): ErrorObject {
  return {
    keyword: 'type',
    instancePath: '',
    schemaPath: '#',
    params: {},
    message: 'must be object',
    ...overrides,
  };
}

describe('validationErrors', () => {
  it('points a missing property at the property itself', () => {
    const errors = [
      ajvError({ keyword: 'required', instancePath: '/amount', params: { missingProperty: 'currency' } }),
    ];

    expect(validationErrors(errors)).toEqual([{ path: '/amount/currency', message: 'is required' }]);
  });

  it('points an unexpected property at the property itself, escaping it as JSON Pointer', () => {
    const errors = [ajvError({ keyword: 'additionalProperties', params: { additionalProperty: 'a/b~c' } })];

    expect(validationErrors(errors)).toEqual([{ path: '/a~1b~0c', message: 'is not allowed' }]);
  });

  it('spells out a short list of allowed values', () => {
    const errors = [
      ajvError({
        keyword: 'enum',
        instancePath: '/changedFields/0',
        params: { allowedValues: ['amount', 'date'] },
      }),
    ];

    expect(validationErrors(errors)).toEqual([
      { path: '/changedFields/0', message: 'must be one of: "amount", "date"' },
    ]);
  });

  it('does not spell out a long list of allowed values', () => {
    const allowedValues = Array.from({ length: 180 }, (_, index) => `C${index}`);

    const [issue] = validationErrors([ajvError({ keyword: 'enum', params: { allowedValues } })]);

    expect(issue).toEqual({ path: '', message: 'must be one of the allowed values' });
  });

  it("keeps ajv's message for other keywords", () => {
    const errors = [
      ajvError({
        keyword: 'maxLength',
        instancePath: '/note',
        message: 'must NOT have more than 1000 characters',
      }),
    ];

    expect(validationErrors(errors)).toEqual([
      { path: '/note', message: 'must NOT have more than 1000 characters' },
    ]);
  });

  it('drops duplicates that oneOf branches report twice', () => {
    const error = ajvError({ keyword: 'type', instancePath: '/merchant', message: 'must be string' });

    expect(validationErrors([error, { ...error, schemaPath: '#/oneOf/1' }])).toHaveLength(1);
  });

  it('returns nothing for no errors', () => {
    expect(validationErrors(null)).toEqual([]);
  });
});
