import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { putEventsEntrySize, splitIntoBatches } from '../../src/index';

describe('putEventsEntrySize', () => {
  it('counts 14 bytes for Time plus the UTF-8 bytes of Source, DetailType, Detail and Resources', () => {
    const entry = {
      Time: new Date(),
      Source: 'spendwise.expenses',
      DetailType: 'ExpenseRecorded',
      Detail: '{"note":"café"}',
      Resources: ['arn:aws:x'],
    };

    const size = putEventsEntrySize(entry);

    expect(size).toBe(14 + 18 + 15 + 16 + 9);
  });

  it('counts nothing for an absent Time', () => {
    expect(putEventsEntrySize({ Source: 'a', DetailType: 'b', Detail: '{}' })).toBe(4);
  });

  it('counts a four-byte character as four bytes', () => {
    expect(putEventsEntrySize({ Detail: '🍜' })).toBe(4);
  });
});

describe('splitIntoBatches (property)', () => {
  const limits = fc.record({
    maxEntries: fc.integer({ min: 1, max: 10 }),
    maxBytes: fc.integer({ min: 1, max: 5_000 }),
  });
  const sizesUpTo = (maxBytes: number) => fc.array(fc.integer({ min: 0, max: maxBytes }), { maxLength: 80 });
  const cases = limits.chain((limit) => fc.tuple(fc.constant(limit), sizesUpTo(limit.maxBytes)));

  it('keeps every batch non-empty and within both limits', () => {
    fc.assert(
      fc.property(cases, ([limit, sizes]) => {
        const batches = splitIntoBatches(sizes, (size) => size, limit);

        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(limit.maxEntries);
          expect(batch.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(limit.maxBytes);
        }
      }),
    );
  });

  it('keeps every item exactly once, in order', () => {
    fc.assert(
      fc.property(cases, ([limit, sizes]) => {
        const items = sizes.map((size, index) => ({ size, index }));

        const batches = splitIntoBatches(items, (item) => item.size, limit);

        expect(batches.flat()).toEqual(items);
      }),
    );
  });

  it('starts a new batch only when the next item would not fit', () => {
    fc.assert(
      fc.property(cases, ([limit, sizes]) => {
        const batches = splitIntoBatches(sizes, (size) => size, limit);

        batches.slice(0, -1).forEach((batch, index) => {
          const next = batches[index + 1]![0]!;
          const bytes = batch.reduce((sum, size) => sum + size, 0);
          expect(batch.length === limit.maxEntries || bytes + next > limit.maxBytes).toBe(true);
        });
      }),
    );
  });

  it('refuses an item larger than the byte limit on its own', () => {
    expect(() => splitIntoBatches([10, 300], (size) => size, { maxEntries: 10, maxBytes: 256 })).toThrow(
      RangeError,
    );
  });
});
