import { describe, expect, it } from '@jest/globals';
import { TtlDeletions } from '../ttlDeletions';
import { createdAtEstimate, tableOfStream, toLambdaRecord, type WireStreamRecord } from './records';

const STREAM =
  'arn:aws:dynamodb:ddblocal:000000000000:table/spendwise-dev-expenses/stream/2026-01-01T00:00:00.000';

const wire = (eventName: string, keys = { PK: { S: 'a' } }): WireStreamRecord => ({
  eventID: 'e1',
  eventName: eventName as WireStreamRecord['eventName'],
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ddblocal',
  dynamodb: {
    ApproximateCreationDateTime: 1_700_000_000,
    Keys: keys,
    SequenceNumber: '000000000000000000001',
    SizeBytes: 3,
  },
});

describe('toLambdaRecord', () => {
  it('uses the configured region and the event source ARN', () => {
    const record = toLambdaRecord(wire('INSERT'), STREAM, 'eu-west-1', new TtlDeletions());

    expect(record).toMatchObject({ awsRegion: 'eu-west-1', eventSourceARN: STREAM, eventName: 'INSERT' });
    expect(record.userIdentity).toBeUndefined();
  });

  it("turns DynamoDB Local's own TTL deletion (UNKNOWN_TO_SDK_VERSION) into a REMOVE by the DynamoDB service", () => {
    const record = toLambdaRecord(wire('UNKNOWN_TO_SDK_VERSION'), STREAM, 'eu-west-1', new TtlDeletions());

    expect(record.eventName).toBe('REMOVE');
    expect(record.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });

  it('marks only the REMOVE the sweeper made, once', () => {
    const deletions = new TtlDeletions();
    deletions.mark('spendwise-dev-expenses', { PK: { S: 'a' } });

    const swept = toLambdaRecord(wire('REMOVE'), STREAM, 'eu-west-1', deletions);
    const again = toLambdaRecord(wire('REMOVE'), STREAM, 'eu-west-1', deletions);

    expect(swept.userIdentity?.principalId).toBe('dynamodb.amazonaws.com');
    expect(again.userIdentity).toBeUndefined();
  });
});

describe('stream helpers', () => {
  it('reads the table name from a stream ARN', () => {
    expect(tableOfStream(STREAM)).toBe('spendwise-dev-expenses');
  });

  it('dates a record by when it was read when that is within the minute DynamoDB Local rounds to', () => {
    const record = toLambdaRecord(wire('INSERT'), STREAM, 'eu-west-1', new TtlDeletions());

    expect(createdAtEstimate({ record, readAt: 1_700_000_030_000 })).toBe(1_700_000_030_000);
    expect(createdAtEstimate({ record, readAt: 1_700_000_300_000 })).toBe(1_700_000_000_000);
  });
});
