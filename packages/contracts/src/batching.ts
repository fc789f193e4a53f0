import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** How many entries, and how many bytes of entries, one request may carry. */
export interface BatchLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/** PutEvents limits: at most 10 entries and 256 KB of entries per request. */
export const PUT_EVENTS_LIMITS: BatchLimits = { maxEntries: 10, maxBytes: 256 * 1024 };

// AWS counts a set Time as 14 bytes, whatever its value.
const TIME_BYTES = 14;

/**
 * Size of one PutEvents entry as AWS computes it ("Calculating PutEvents event entry size"): 14 bytes for
 * Time, plus the UTF-8 bytes of Source, DetailType, Detail and each Resource.
 */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? TIME_BYTES : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (text) size += Buffer.byteLength(text, 'utf8');
  }
  return size;
}

/**
 * Splits items, in order, into batches of at most `maxEntries` items and `maxBytes` summed size. Every item
 * must fit on its own (callers reject larger ones first), so no batch is ever empty.
 */
export function splitIntoBatches<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  limits: BatchLimits = PUT_EVENTS_LIMITS,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (size > limits.maxBytes)
      throw new RangeError(`an item of ${size} bytes exceeds the ${limits.maxBytes} limit`);
    if (current.length === limits.maxEntries || currentBytes + size > limits.maxBytes) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
