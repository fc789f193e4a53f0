import { describe, expect, it } from '@jest/globals';
import { ConcurrentChangeError } from '../domain/errors';
import { asHttpProblem } from '../http/problems';
import { conflicted } from './catalogStore';

const cancelled = (...codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('conflicted', () => {
  it('recognises a transaction cancelled because another one touched the same item', () => {
    expect(conflicted(cancelled('None', 'TransactionConflict'))).toBe(true);
  });

  it('leaves failed conditions and other errors to their own handling', () => {
    expect(conflicted(cancelled('ConditionalCheckFailed', 'None'))).toBe(false);
    expect(conflicted(new Error('network'))).toBe(false);
  });
});

describe('a concurrent change as HTTP', () => {
  it('answers 409 CONCURRENT_CHANGE with a retry hint, not a 500', () => {
    const problem = asHttpProblem(new ConcurrentChangeError('USER#u/CATEGORY#pets')) as {
      status: number;
      code: string;
      headers: Record<string, string>;
    };

    expect(problem).toMatchObject({
      status: 409,
      code: 'CONCURRENT_CHANGE',
      headers: { 'retry-after': '1' },
    });
  });
});
