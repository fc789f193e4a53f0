import { describe, expect, it } from '@jest/globals';
import type { InvokeOutcome } from '../../core/ports';
import { batchOutcome } from './batchOutcome';

const ok = (result: unknown): InvokeOutcome => ({ ok: true, result, durationMs: 1, coldStart: false });
const ids = ['m1', 'm2', 'm3'];

describe('batchOutcome', () => {
  it('deletes nothing when the function fails', () => {
    const outcome = batchOutcome(
      { ok: false, errorType: 'Error', errorMessage: 'boom', durationMs: 1, coldStart: false },
      true,
      ids,
    );

    expect(outcome.deleteIds).toEqual([]);
    expect(outcome.failure).toContain('boom');
  });

  it('deletes everything on success when ReportBatchItemFailures is off, whatever the response says', () => {
    const outcome = batchOutcome(ok({ batchItemFailures: [{ itemIdentifier: 'm2' }] }), false, ids);

    expect(outcome.deleteIds).toEqual(ids);
  });

  it('keeps only the reported message ids', () => {
    const outcome = batchOutcome(ok({ batchItemFailures: [{ itemIdentifier: 'm2' }] }), true, ids);

    expect(outcome).toEqual({ deleteIds: ['m1', 'm3'], failedIds: ['m2'] });
  });

  it.each([
    ['a null response', null],
    ['an empty response', {}],
    ['a null batchItemFailures', { batchItemFailures: null }],
    ['an empty batchItemFailures', { batchItemFailures: [] }],
  ])('treats %s as complete success', (_label, result) => {
    expect(batchOutcome(ok(result), true, ids).deleteIds).toEqual(ids);
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a misspelt key', { batchItemFailures: [{ itemId: 'm1' }] }],
    ['an id not in the batch', { batchItemFailures: [{ itemIdentifier: 'other' }] }],
    ['a response that is not an object', 'done'],
    ['a batchItemFailures that is not a list', { batchItemFailures: 'm1' }],
  ])('fails the whole batch for %s', (_label, result) => {
    const outcome = batchOutcome(ok(result), true, ids);

    expect(outcome.deleteIds).toEqual([]);
    expect(outcome.failedIds).toEqual(ids);
  });
});
