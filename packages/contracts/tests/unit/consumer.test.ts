import { describe, expect, it } from '@jest/globals';
import {
  createEvent,
  ExpenseDeleted,
  ExpenseDeletedVersions,
  ExpenseRecorded,
  ExpenseRecordedVersions,
  eventRegistry,
  everyEvent,
  InvalidEventError,
  type ParsedEvent,
  parseEvent,
  parseSqsRecord,
  subscribe,
} from '../../src/index';
import { aContext, anEventBridgeEvent, aSnapshot } from '../fixtures';

const recorded = createEvent(ExpenseRecorded, { expense: aSnapshot() }, aContext);
const deleted = createEvent(
  ExpenseDeleted,
  { expenseId: aSnapshot().expenseId, version: 1, expense: aSnapshot() },
  aContext,
);

function caught(action: () => unknown): InvalidEventError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error('expected an InvalidEventError');
}

describe('parseEvent', () => {
  it('returns the detail-type, source, version, detail and EventBridge id of a valid event', () => {
    const input = anEventBridgeEvent('ExpenseRecorded', recorded.detail);

    const event = parseEvent(input, everyEvent());

    expect(event).toEqual({
      detailType: 'ExpenseRecorded',
      source: 'spendwise.expenses',
      version: 1,
      detail: recorded.detail,
      eventBridgeId: input.id,
    });
  });

  it('narrows to the detail of the accepted detail-type', () => {
    const event: ParsedEvent<'ExpenseDeleted'> = parseEvent(
      anEventBridgeEvent('ExpenseDeleted', deleted.detail),
      subscribe(ExpenseDeletedVersions),
    );

    expect(event.detail.data.expense.amount).toEqual({ minorUnits: 450, currency: 'EUR' });
  });

  it('returns a union that narrows on detailType', () => {
    const event = parseEvent(
      anEventBridgeEvent('ExpenseDeleted', deleted.detail),
      subscribe(ExpenseRecordedVersions, ExpenseDeletedVersions),
    );

    const deletedVersion = event.detailType === 'ExpenseDeleted' ? event.detail.data.version : undefined;

    expect(deletedVersion).toBe(1);
  });

  it('refuses a detail-type the consumer did not accept', () => {
    const error = caught(() =>
      parseEvent(anEventBridgeEvent('ExpenseRecorded', recorded.detail), subscribe(ExpenseDeletedVersions)),
    );

    expect(error.reason).toBe('not-accepted');
  });

  it('refuses a detail-type that is not in the catalogue', () => {
    const error = caught(() => parseEvent(anEventBridgeEvent('constructor', recorded.detail), everyEvent()));

    expect(error.reason).toBe('unknown-detail-type');
  });

  it('refuses an event version that has no schema', () => {
    const detail = { ...recorded.detail, metadata: { ...recorded.detail.metadata, eventVersion: 99 } };

    const error = caught(() => parseEvent(anEventBridgeEvent('ExpenseRecorded', detail), everyEvent()));

    expect(error).toMatchObject({
      reason: 'unknown-version',
      detailType: 'ExpenseRecorded',
      eventId: recorded.detail.metadata.eventId,
    });
  });

  it('refuses a detail that breaks its schema, carrying the ajv errors', () => {
    const detail = {
      ...recorded.detail,
      data: { expense: { ...aSnapshot(), amount: { minorUnits: 1, currency: 'eur' } } },
    };

    const error = caught(() => parseEvent(anEventBridgeEvent('ExpenseRecorded', detail), everyEvent()));

    expect(error.reason).toBe('schema');
    expect(error.errors.map((ajvError) => ajvError.instancePath)).toEqual(['/data/expense/amount/currency']);
    expect(error.issues).toEqual([
      { path: '/data/expense/amount/currency', message: 'must be one of the allowed values' },
    ]);
  });

  it('refuses an event that claims another source', () => {
    const error = caught(() =>
      parseEvent(anEventBridgeEvent('ExpenseRecorded', recorded.detail, 'spendwise.catalog'), everyEvent()),
    );

    expect(error.reason).toBe('source-mismatch');
  });

  it.each([null, 'text', [], { 'detail-type': 'ExpenseRecorded', detail: {} }])(
    'refuses %p as malformed',
    (input) => {
      expect(caught(() => parseEvent(input, everyEvent())).reason).toBe('malformed');
    },
  );
});

describe('subscribe', () => {
  it('checks a subscribed event with the versions it was given, and refuses an unknown version of it', () => {
    const subscription = subscribe(ExpenseRecordedVersions);
    const detail = { ...recorded.detail, metadata: { ...recorded.detail.metadata, eventVersion: 2 } };

    expect(parseEvent(anEventBridgeEvent('ExpenseRecorded', recorded.detail), subscription).version).toBe(1);
    expect(
      caught(() => parseEvent(anEventBridgeEvent('ExpenseRecorded', detail), subscription)),
    ).toMatchObject({
      reason: 'unknown-version',
      detailType: 'ExpenseRecorded',
    });
  });

  it('tells an event of the catalogue it does not accept from a detail-type the catalogue does not know', () => {
    const subscription = subscribe(ExpenseDeletedVersions);

    expect(
      caught(() => parseEvent(anEventBridgeEvent('ExpenseRecorded', recorded.detail), subscription)),
    ).toMatchObject({
      reason: 'not-accepted',
      detailType: 'ExpenseRecorded',
      eventId: recorded.detail.metadata.eventId,
    });
    expect(
      caught(() => parseEvent(anEventBridgeEvent('ExpenseRecordd', recorded.detail), subscription)).reason,
    ).toBe('unknown-detail-type');
  });

  it('refuses to build an empty subscription or one to an event outside the catalogue', () => {
    expect(() => subscribe()).toThrow('at least one event');
    expect(() => subscribe({ ...ExpenseRecordedVersions, detailType: 'Nope' as 'ExpenseRecorded' })).toThrow(
      'Nope is not an event of the catalogue',
    );
  });

  it('subscribes everyEvent to every detail-type of the catalogue', () => {
    expect([...everyEvent().events.keys()].sort()).toEqual(Object.keys(eventRegistry).sort());
  });
});

describe('parseSqsRecord', () => {
  it('parses the EventBridge event in the body of an SQS record', () => {
    const body = JSON.stringify(anEventBridgeEvent('ExpenseDeleted', deleted.detail));

    const event = parseSqsRecord({ messageId: 'm-1', body }, subscribe(ExpenseDeletedVersions));

    expect(event.detailType).toBe('ExpenseDeleted');
    expect(event.detail).toEqual(deleted.detail);
  });

  it('refuses a body that is not JSON', () => {
    const error = caught(() => parseSqsRecord({ messageId: 'm-2', body: '{"detail-type":' }, everyEvent()));

    expect(error.reason).toBe('malformed');
    expect(error.message).toContain('m-2');
  });
});
