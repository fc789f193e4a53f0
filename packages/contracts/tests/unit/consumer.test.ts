import { describe, expect, it } from '@jest/globals';
import {
  createEvent,
  ExpenseDeleted,
  ExpenseRecorded,
  InvalidEventError,
  type ParsedEvent,
  parseEvent,
  parseSqsRecord,
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

    const event = parseEvent(input);

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
      ['ExpenseDeleted'],
    );

    expect(event.detail.data.expense.amount).toEqual({ minorUnits: 450, currency: 'EUR' });
  });

  it('returns a union that narrows on detailType', () => {
    const event = parseEvent(anEventBridgeEvent('ExpenseDeleted', deleted.detail), [
      'ExpenseRecorded',
      'ExpenseDeleted',
    ]);

    const deletedVersion = event.detailType === 'ExpenseDeleted' ? event.detail.data.version : undefined;

    expect(deletedVersion).toBe(1);
  });

  it('refuses a detail-type the consumer did not accept', () => {
    const error = caught(() =>
      parseEvent(anEventBridgeEvent('ExpenseRecorded', recorded.detail), ['ExpenseDeleted']),
    );

    expect(error.reason).toBe('not-accepted');
  });

  it('refuses a detail-type that is not in the catalogue', () => {
    const error = caught(() => parseEvent(anEventBridgeEvent('constructor', recorded.detail)));

    expect(error.reason).toBe('unknown-detail-type');
  });

  it('refuses an event version that has no schema', () => {
    const detail = { ...recorded.detail, metadata: { ...recorded.detail.metadata, eventVersion: 99 } };

    const error = caught(() => parseEvent(anEventBridgeEvent('ExpenseRecorded', detail)));

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

    const error = caught(() => parseEvent(anEventBridgeEvent('ExpenseRecorded', detail)));

    expect(error.reason).toBe('schema');
    expect(error.errors.map((ajvError) => ajvError.instancePath)).toEqual(['/data/expense/amount/currency']);
    expect(error.issues).toEqual([
      { path: '/data/expense/amount/currency', message: 'must be one of the allowed values' },
    ]);
  });

  it('refuses an event that claims another source', () => {
    const error = caught(() =>
      parseEvent(anEventBridgeEvent('ExpenseRecorded', recorded.detail, 'spendwise.catalog')),
    );

    expect(error.reason).toBe('source-mismatch');
  });

  it.each([null, 'text', [], { 'detail-type': 'ExpenseRecorded', detail: {} }])(
    'refuses %p as malformed',
    (input) => {
      expect(caught(() => parseEvent(input)).reason).toBe('malformed');
    },
  );
});

describe('parseSqsRecord', () => {
  it('parses the EventBridge event in the body of an SQS record', () => {
    const body = JSON.stringify(anEventBridgeEvent('ExpenseDeleted', deleted.detail));

    const event = parseSqsRecord({ messageId: 'm-1', body });

    expect(event.detailType).toBe('ExpenseDeleted');
    expect(event.detail).toEqual(deleted.detail);
  });

  it('refuses a body that is not JSON', () => {
    const error = caught(() => parseSqsRecord({ messageId: 'm-2', body: '{"detail-type":' }));

    expect(error.reason).toBe('malformed');
    expect(error.message).toContain('m-2');
  });
});
