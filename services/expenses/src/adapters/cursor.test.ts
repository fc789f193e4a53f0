import { describe, expect, it } from '@jest/globals';
import { InvalidCursorError } from '../domain/errors';
import { decodeCursor, encodeCursor } from './cursor';

const key = { PK: 'USER#u1', SK: 'EXPENSE#e1', GSI1PK: 'USER#u1#MONTH#2026-11', GSI1SK: '2026-11-04#e1' };

describe('list cursors', () => {
  it('round-trips a key of the partition being queried', () => {
    expect(decodeCursor(encodeCursor(key), 'GSI1PK', 'USER#u1#MONTH#2026-11')).toEqual(key);
  });

  it("rejects a cursor pointing into another user's partition", () => {
    const forged = encodeCursor({ ...key, GSI1PK: 'USER#u2#MONTH#2026-11' });

    expect(() => decodeCursor(forged, 'GSI1PK', 'USER#u1#MONTH#2026-11')).toThrow(InvalidCursorError);
  });

  it('rejects a cursor that is not one of ours', () => {
    expect(() => decodeCursor('bm90LWpzb24', 'GSI1PK', 'USER#u1#MONTH#2026-11')).toThrow(InvalidCursorError);
  });
});
