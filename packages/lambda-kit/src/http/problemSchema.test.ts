import { describe, expect, it } from '@jest/globals';
import { PROBLEM_SCHEMA_ID, violationsOf } from '@spendwise/test-kit';
import { HttpProblemError } from './HttpProblemError';
import { toProblem, toProblemDocument } from './toProblem';

// Problem.schema.json is the problem+json of every OpenAPI document: what the kit renders must conform to it.
describe('Problem.schema.json', () => {
  it.each([
    [
      'a domain problem with extras',
      new HttpProblemError(412, 'VERSION_MISMATCH', 'changed', { currentVersion: 4 }),
    ],
    [
      'a validation problem with field errors',
      new HttpProblemError(400, 'VALIDATION_FAILED', 'The request is not valid', {
        errors: [{ path: '/body/amount', message: 'is required' }],
      }),
    ],
    ['an unexpected error', new Error('connection reset')],
  ])('accepts %s as the kit renders it', (_, error) => {
    const document = toProblemDocument(toProblem(error), 'req-1');

    expect(violationsOf(PROBLEM_SCHEMA_ID, document)).toEqual([]);
  });

  it('refuses a problem without a code', () => {
    expect(
      violationsOf(PROBLEM_SCHEMA_ID, {
        type: 'about:blank',
        title: 'Bad',
        status: 400,
        detail: 'x',
        instance: 'i',
      }),
    ).toEqual(["/ must have required property 'code'"]);
  });
});
