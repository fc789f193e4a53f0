import { describe, expect, it } from '@jest/globals';
import {
  createEvent,
  ExpenseDeleted,
  ExpenseRecorded,
  InvalidEventError,
  type StandaloneValidator,
} from '../../src/index';
import { aContext, aSnapshot } from '../fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEvent', () => {
  it('builds the source, detail-type and metadata of the latest version around the data', () => {
    const occurredAt = new Date('2025-03-14T09:26:53.589Z');

    const event = createEvent(ExpenseRecorded, { expense: aSnapshot() }, aContext, {
      eventId: 'e6a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
      occurredAt,
    });

    expect(event).toEqual({
      source: 'spendwise.expenses',
      detailType: 'ExpenseRecorded',
      detail: {
        metadata: {
          eventId: 'e6a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
          eventVersion: 1,
          occurredAt: '2025-03-14T09:26:53.589Z',
          correlationId: 'req-1',
          causationId: 'req-1',
          userId: 'user-1',
        },
        data: { expense: aSnapshot() },
      },
    });
  });

  it('draws a fresh random UUID for each event when no id is given', () => {
    const first = createEvent(ExpenseRecorded, { expense: aSnapshot() }, aContext);
    const second = createEvent(ExpenseRecorded, { expense: aSnapshot() }, aContext);

    expect(first.detail.metadata.eventId).toMatch(UUID);
    expect(second.detail.metadata.eventId).not.toBe(first.detail.metadata.eventId);
  });

  it('refuses data that does not match the schema, naming the failing field', () => {
    const expense = aSnapshot({ amount: { minorUnits: 4.5, currency: 'EUR' } });

    const build = () => createEvent(ExpenseRecorded, { expense }, aContext);

    expect(build).toThrow(InvalidEventError);
    expect(build).toThrow(/\/data\/expense\/amount\/minorUnits must be integer/);
  });

  it('reports the schema errors as path and message pairs', () => {
    const error = catchError(() =>
      createEvent(ExpenseDeleted, { expenseId: 'not-a-uuid', version: 1, expense: aSnapshot() }, aContext),
    );

    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).reason).toBe('schema');
    expect((error as InvalidEventError).issues).toEqual([
      { path: '/data/expenseId', message: 'must match format "uuid"' },
    ]);
  });

  it('refuses a context whose ids break the metadata schema', () => {
    const build = () => createEvent(ExpenseRecorded, { expense: aSnapshot() }, { ...aContext, userId: '' });

    expect(build).toThrow(/\/metadata\/userId must NOT have fewer than 1 characters/);
  });

  it('validates with the definition it is given, so a producer needs no other validator', () => {
    const refuseAll: StandaloneValidator<unknown> = (_data: unknown): _data is unknown => false;

    const build = () =>
      createEvent({ ...ExpenseRecorded, validate: refuseAll }, { expense: aSnapshot() }, aContext);

    expect(build).toThrow(InvalidEventError);
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
