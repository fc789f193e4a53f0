import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildEventPublisher,
  createEvent,
  type EventEnvelope,
  ExpenseRecorded,
  everyEvent,
  PUT_EVENTS_LIMITS,
  putEventsEntrySize,
} from '../../src/index';
import { eventIdOf, fakeEventBridge } from '../fakeEventBridge';
import { aContext, aSnapshot } from '../fixtures';

// Notes of any Unicode text, so entry sizes in UTF-8 bytes differ from string lengths.
const anEvent = fc
  .record({
    note: fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 1000 }), { nil: undefined }),
    merchant: fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }), { nil: undefined }),
  })
  .map(({ note, merchant }) =>
    createEvent(
      ExpenseRecorded,
      { expense: aSnapshot({ ...(note ? { note } : {}), ...(merchant ? { merchant } : {}) }) },
      aContext,
    ),
  );

const someEvents = fc.array(anEvent, { minLength: 0, maxLength: 60 });

// Byte limits from "one large entry per call" up to the real 256 KB.
const someLimits = fc.record({
  maxEntries: fc.integer({ min: 1, max: PUT_EVENTS_LIMITS.maxEntries }),
  maxBytes: fc.integer({ min: 6_000, max: PUT_EVENTS_LIMITS.maxBytes }),
});

async function publishAll(events: readonly EventEnvelope[], limits = PUT_EVENTS_LIMITS) {
  const client = fakeEventBridge();
  const summary = await buildEventPublisher(client, { events: everyEvent(), busName: 'bus', limits }).publish(
    events,
  );
  return { client, summary };
}

describe('buildEventPublisher batching (property)', () => {
  it('never sends a call over the entry or byte limit', async () => {
    await fc.assert(
      fc.asyncProperty(someEvents, someLimits, async (events, limits) => {
        const { client } = await publishAll(events, limits);

        for (const call of client.calls) {
          expect(call.length).toBeGreaterThan(0);
          expect(call.length).toBeLessThanOrEqual(limits.maxEntries);
          expect(call.reduce((bytes, entry) => bytes + putEventsEntrySize(entry), 0)).toBeLessThanOrEqual(
            limits.maxBytes,
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sends every event exactly once, in order, when the bus never fails', async () => {
    await fc.assert(
      fc.asyncProperty(someEvents, someLimits, async (events, limits) => {
        const { client, summary } = await publishAll(events, limits);

        expect(client.calls.flat().map(eventIdOf)).toEqual(
          events.map((event) => event.detail.metadata.eventId),
        );
        expect(summary).toEqual({ published: events.length, attempts: events.length > 0 ? 1 : 0 });
      }),
      { numRuns: 60 },
    );
  });

  it('publishes every event exactly once when transient entry failures stop before the last attempt', async () => {
    await fc.assert(
      fc.asyncProperty(someEvents, fc.integer({ min: 0, max: 2 ** 31 }), async (events, seed) => {
        // Each event fails on its first 0-3 calls (4 attempts allowed), chosen by a hash of its id and the seed.
        const failuresOf = (eventId: string) => ((hash(eventId) ^ seed) >>> 0) % 4;
        const seen = new Map<string, number>();
        const client = fakeEventBridge((eventId) => {
          const count = (seen.get(eventId) ?? 0) + 1;
          seen.set(eventId, count);
          return count <= failuresOf(eventId) ? 'ThrottlingException' : undefined;
        });

        const summary = await buildEventPublisher(client, {
          events: everyEvent(),
          busName: 'bus',
          sleep: async () => {},
        }).publish(events);

        const ids = events.map((event) => event.detail.metadata.eventId);
        expect(summary.published).toBe(events.length);
        expect([...seen.entries()]).toEqual(ids.map((id) => [id, failuresOf(id) + 1]));
      }),
      { numRuns: 40 },
    );
  });
});

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}
