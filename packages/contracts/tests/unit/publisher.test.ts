import {
  EventBridgeClient,
  type PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from '@jest/globals';
import {
  buildEventPublisher,
  createEvent,
  type EventEnvelope,
  EventPublishError,
  EventTooLargeError,
  ExpenseRecorded,
  everyEvent,
  InvalidEventError,
} from '../../src/index';
import { accessDeniedError, eventIdOf, fakeEventBridge, throttlingError } from '../fakeEventBridge';
import { aContext, aSnapshot } from '../fixtures';

const noSleep = async () => {};

function recorded(count: number, note?: string): EventEnvelope[] {
  return Array.from({ length: count }, (_, index) =>
    createEvent(ExpenseRecorded, { expense: aSnapshot(note ? { note } : {}) }, aContext, {
      eventId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2025, 2, 14, 9, 0, index)),
    }),
  );
}

const idOf = (event: EventEnvelope) => event.detail.metadata.eventId;

describe('buildEventPublisher', () => {
  it('sends each event as an entry on the bus, timed at its occurredAt', async () => {
    const client = fakeEventBridge();
    const [event] = recorded(1);

    await buildEventPublisher(client, { events: everyEvent(), busName: 'spendwise-test' }).publish([event!]);

    expect(client.calls).toEqual([
      [
        {
          EventBusName: 'spendwise-test',
          Source: 'spendwise.expenses',
          DetailType: 'ExpenseRecorded',
          Detail: JSON.stringify(event!.detail),
          Time: new Date('2025-03-14T09:00:00.000Z'),
        },
      ],
    ]);
  });

  it('splits 25 events into calls of 10, 10 and 5 entries and reports one attempt', async () => {
    const client = fakeEventBridge();

    const summary = await buildEventPublisher(client, { events: everyEvent(), busName: 'bus' }).publish(
      recorded(25),
    );

    expect(client.calls.map((call) => call.length)).toEqual([10, 10, 5]);
    expect(summary).toEqual({ published: 25, attempts: 1 });
  });

  it('sends nothing and makes no call for an empty list', async () => {
    const client = fakeEventBridge();

    const summary = await buildEventPublisher(client, { events: everyEvent(), busName: 'bus' }).publish([]);

    expect(summary).toEqual({ published: 0, attempts: 0 });
    expect(client.calls).toHaveLength(0);
  });

  it('refuses the whole list, sending nothing, when one detail breaks its schema', async () => {
    const client = fakeEventBridge();
    const [good, bad] = recorded(2);
    // A detail changed after createEvent validated it, as a corrupted outbox record would be.
    const tampered = {
      ...bad!,
      detail: { ...bad!.detail, data: { expense: { ...aSnapshot(), version: 0 } } },
    } as EventEnvelope;

    const publishing = buildEventPublisher(client, { events: everyEvent(), busName: 'bus' }).publish([
      good!,
      tampered,
    ]);

    await expect(publishing).rejects.toThrow(InvalidEventError);
    expect(client.calls).toHaveLength(0);
  });

  it('refuses an event whose source is not the one its detail-type belongs to', async () => {
    const client = fakeEventBridge();
    const [event] = recorded(1);

    const publishing = buildEventPublisher(client, { events: everyEvent(), busName: 'bus' }).publish([
      { ...event!, source: 'spendwise.catalog' } as unknown as EventEnvelope,
    ]);

    await expect(publishing).rejects.toMatchObject({ name: 'InvalidEventError', reason: 'source-mismatch' });
  });

  it('refuses an entry larger than the byte limit with EventTooLargeError, sending nothing', async () => {
    const client = fakeEventBridge();
    const events = [...recorded(1), ...recorded(1, 'x'.repeat(1000))];

    const publishing = buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      limits: { maxBytes: 1000 },
    }).publish(events);

    await expect(publishing).rejects.toThrow(EventTooLargeError);
    expect(client.calls).toHaveLength(0);
  });

  it('retries only the entries that failed, until they are accepted', async () => {
    const events = recorded(5);
    const flaky = new Set([idOf(events[1]!), idOf(events[3]!)]);
    const client = fakeEventBridge((eventId, call) =>
      call === 1 && flaky.has(eventId) ? 'ThrottlingException' : undefined,
    );

    const summary = await buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      sleep: noSleep,
    }).publish(events);

    expect(client.calls.map((call) => call.map(eventIdOf))).toEqual([events.map(idOf), [...flaky]]);
    expect(summary).toEqual({ published: 5, attempts: 2 });
  });

  it('gives up after maxAttempts, naming each event that failed and its error code', async () => {
    const events = recorded(3);
    const stuck = idOf(events[2]!);
    const client = fakeEventBridge((eventId) => (eventId === stuck ? 'InternalFailure' : undefined));

    const error = await buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      maxAttempts: 3,
      sleep: noSleep,
    })
      .publish(events)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventPublishError);
    expect(error).toMatchObject({
      failures: [{ eventId: stuck, detailType: 'ExpenseRecorded', errorCode: 'InternalFailure' }],
      published: 2,
      attempts: 3,
    });
    expect(client.calls).toHaveLength(3);
  });

  it('does not retry an entry that failed for a permanent reason', async () => {
    const events = recorded(2);
    const malformed = idOf(events[0]!);
    const client = fakeEventBridge((eventId) => (eventId === malformed ? 'MalformedDetail' : undefined));

    const publishing = buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      sleep: noSleep,
    }).publish(events);

    await expect(publishing).rejects.toMatchObject({
      failures: [{ eventId: malformed, errorCode: 'MalformedDetail' }],
    });
    expect(client.calls).toHaveLength(1);
  });

  it('retries a whole call that was throttled', async () => {
    const client = fakeEventBridge(undefined, (call) => (call === 1 ? throttlingError() : undefined));

    const summary = await buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      sleep: noSleep,
    }).publish(recorded(3));

    expect(summary).toEqual({ published: 3, attempts: 2 });
    expect(client.calls.map((call) => call.length)).toEqual([3, 3]);
  });

  it('does not retry a whole call refused for lack of permission', async () => {
    const client = fakeEventBridge(undefined, () => accessDeniedError());

    const publishing = buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      sleep: noSleep,
    }).publish(recorded(2));

    await expect(publishing).rejects.toMatchObject({
      name: 'EventPublishError',
      failures: [{ errorCode: 'AccessDeniedException' }, { errorCode: 'AccessDeniedException' }],
      attempts: 1,
    });
    expect(client.calls).toHaveLength(1);
  });

  it('sends every entry again when the response counts failures without saying which', async () => {
    const calls: number[] = [];
    const client = {
      send: async (command: PutEventsCommand): Promise<PutEventsCommandOutput> => {
        calls.push(command.input.Entries?.length ?? 0);
        return calls.length === 1
          ? { FailedEntryCount: 1, $metadata: {} }
          : { FailedEntryCount: 0, $metadata: {} };
      },
    };

    const summary = await buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      sleep: noSleep,
    }).publish(recorded(2));

    expect(calls).toEqual([2, 2]);
    expect(summary).toEqual({ published: 2, attempts: 2 });
  });

  it('waits a full-jitter exponential backoff before each retry', async () => {
    const delays: number[] = [];
    const client = fakeEventBridge(() => 'ThrottlingException');
    const publisher = buildEventPublisher(client, {
      events: everyEvent(),
      busName: 'bus',
      maxAttempts: 4,
      baseDelayMs: 100,
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });

    await publisher.publish(recorded(1)).catch(() => undefined);

    expect(delays).toEqual([50, 100, 200]);
  });

  it('accepts a real EventBridgeClient as its sender', () => {
    const client = new EventBridgeClient({ region: 'eu-west-1' });

    const publisher = buildEventPublisher(client, { events: everyEvent(), busName: 'bus' });

    expect(typeof publisher.publish).toBe('function');
  });

  it('rejects limits looser than those of PutEvents', () => {
    const build = () =>
      buildEventPublisher(fakeEventBridge(), {
        events: everyEvent(),
        busName: 'bus',
        limits: { maxEntries: 11 },
      });

    expect(build).toThrow(RangeError);
  });
});
