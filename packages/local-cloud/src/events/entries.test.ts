import { describe, expect, it } from '@jest/globals';
import { AwsApiError } from '../core/errors';
import { buildEvent, checkPutEventsRequest, entryError, entrySize, MAX_ENTRIES_BYTES } from './entries';

const valid = { Source: 'spendwise.expenses', DetailType: 'ExpenseRecorded', Detail: '{"a":1}' };

describe('PutEvents entries', () => {
  it('counts an entry size as EventBridge documents it: 14 bytes of Time plus the UTF-8 bytes of the rest', () => {
    const size = entrySize({ ...valid, Time: new Date(), Resources: ['é'] });

    expect(size).toBe(14 + 18 + 15 + 7 + 2);
  });

  it('rejects a request of more than ten entries with a ValidationException', () => {
    const entries = Array.from({ length: 11 }, () => valid);

    expect(() => checkPutEventsRequest(entries)).toThrow(
      expect.objectContaining({ code: 'ValidationException' }),
    );
  });

  it('rejects a request without entries', () => {
    expect(() => checkPutEventsRequest([])).toThrow(AwsApiError);
  });

  it('rejects a request whose entries add up to more than 256 KB', () => {
    const big = { ...valid, Detail: JSON.stringify({ text: 'x'.repeat(MAX_ENTRIES_BYTES) }) };

    expect(() => checkPutEventsRequest([big])).toThrow(
      'Total size of the entries in the request is over the limit.',
    );
  });

  it('answers InvalidArgument naming the missing Source, DetailType or Detail', () => {
    expect(entryError({ ...valid, Source: undefined })).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(entryError({ ...valid, DetailType: '' })).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect(entryError({ ...valid, Detail: undefined })).toMatchObject({
      ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
    });
  });

  it('answers MalformedDetail when Detail is not a JSON object', () => {
    for (const Detail of ['not json', '[1,2]', '"text"', 'null']) {
      expect(entryError({ ...valid, Detail })).toEqual({
        ErrorCode: 'MalformedDetail',
        ErrorMessage: 'Detail is malformed.',
      });
    }
  });

  it('builds the event envelope with the account, region, resources and a time to the second', () => {
    const now = new Date('2026-03-01T10:20:30.456Z');

    const event = buildEvent(
      { ...valid, Resources: ['r1'] },
      'id-1',
      { region: 'eu-west-1', accountId: '000000000000' },
      now,
    );

    expect(event).toEqual({
      version: '0',
      id: 'id-1',
      'detail-type': 'ExpenseRecorded',
      source: 'spendwise.expenses',
      account: '000000000000',
      time: '2026-03-01T10:20:30Z',
      region: 'eu-west-1',
      resources: ['r1'],
      detail: { a: 1 },
    });
  });

  it('takes the entry Time as epoch seconds, the way SDKs send it', () => {
    const event = buildEvent(
      { ...valid, Time: 1_700_000_000 as unknown as Date },
      'id',
      { region: 'r', accountId: 'a' },
      new Date(),
    );

    expect(event.time).toBe('2023-11-14T22:13:20Z');
  });
});
