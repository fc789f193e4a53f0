import { describe, expect, it } from '@jest/globals';
import { correlationIdOf } from '../../../src/http/correlationId';
import { httpEvent } from '../../../src/testing';

describe('correlationIdOf', () => {
  it('uses a safe x-correlation-id header', () => {
    expect(correlationIdOf(httpEvent({ headers: { 'x-correlation-id': 'a.b_c:d-1' } }))).toBe('a.b_c:d-1');
  });

  it.each(['', 'has space', 'x'.repeat(129), 'line\nbreak', '<script>'])(
    'replaces %p by the request id',
    (value) => {
      expect(correlationIdOf(httpEvent({ headers: { 'x-correlation-id': value }, requestId: 'req-1' }))).toBe(
        'req-1',
      );
    },
  );
});
