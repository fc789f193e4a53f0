import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fullJitterDelay, isRetryableCallError, isRetryableEntryError } from '../../src/index';

describe('fullJitterDelay', () => {
  it('stays within [0, min(max, base * 2^(retry-1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, baseDelayMs, maxDelayMs, draw) => {
          const delay = fullJitterDelay(retry, { baseDelayMs, maxDelayMs, random: () => draw });

          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.max(1, Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1))));
        },
      ),
    );
  });

  it('doubles its ceiling with every retry', () => {
    const almostOne = () => 0.999_999;

    const delays = [1, 2, 3].map((retry) =>
      fullJitterDelay(retry, { baseDelayMs: 50, maxDelayMs: 5_000, random: almostOne }),
    );

    expect(delays).toEqual([49, 99, 199]);
  });
});

describe('isRetryableEntryError', () => {
  it.each(['ThrottlingException', 'InternalFailure'])('retries an entry that failed with %s', (code) => {
    expect(isRetryableEntryError(code)).toBe(true);
  });

  it.each(['MalformedDetail', 'AccessDeniedException', 'NotAuthorizedForSourceException'])(
    'gives up on an entry that failed with %s',
    (code) => {
      expect(isRetryableEntryError(code)).toBe(false);
    },
  );
});

describe('isRetryableCallError', () => {
  it('retries a server fault', () => {
    expect(
      isRetryableCallError({
        name: 'InternalException',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      }),
    ).toBe(true);
  });

  it('retries a connection reset', () => {
    expect(isRetryableCallError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      true,
    );
  });

  it('does not retry a validation error', () => {
    expect(
      isRetryableCallError({
        name: 'ValidationException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    ).toBe(false);
  });

  it('does not retry something that is not an error object', () => {
    expect(isRetryableCallError('boom')).toBe(false);
  });
});
