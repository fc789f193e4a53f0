import type { TtlDeletions } from '../ttlDeletions';

/** A stream record as DynamoDB (Local) Streams' GetRecords returns it. */
export interface WireStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
  userIdentity?: { type: string; principalId: string };
}

/** A record as Lambda passes it to a function in `event.Records`. */
export interface LambdaStreamRecord extends WireStreamRecord {
  eventSourceARN: string;
}

/** A record read from a shard, with when the poller first saw it (for IteratorAge). */
export interface StreamEntry {
  record: LambdaStreamRecord;
  readAt: number;
}

/** The table name inside a stream ARN (`…:table/<name>/stream/<label>`). */
export function tableOfStream(streamArn: string): string {
  return /:table\/([^/]+)\/stream\//.exec(streamArn)?.[1] ?? '';
}

const SERVICE_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

/**
 * The Lambda event record for a wire record: the configured region instead of DynamoDB Local's `ddblocal`,
 * the mapping's event source ARN, and the DynamoDB service's `userIdentity` on TTL deletions — those of the
 * TTL sweeper, and DynamoDB Local's own, which it writes with the event name `UNKNOWN_TO_SDK_VERSION`
 * instead of `REMOVE`.
 */
export function toLambdaRecord(
  wire: WireStreamRecord,
  streamArn: string,
  region: string,
  ttlDeletions: TtlDeletions,
): LambdaStreamRecord {
  const expiredByLocal = !['INSERT', 'MODIFY', 'REMOVE'].includes(wire.eventName);
  const record: LambdaStreamRecord = {
    eventID: wire.eventID,
    eventName: expiredByLocal ? 'REMOVE' : wire.eventName,
    eventVersion: wire.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: wire.dynamodb,
    eventSourceARN: streamArn,
  };
  const sweptByUs =
    record.eventName === 'REMOVE' && ttlDeletions.take(tableOfStream(streamArn), wire.dynamodb.Keys ?? {});
  if (expiredByLocal || sweptByUs) record.userIdentity = { ...SERVICE_IDENTITY };
  return record;
}

/**
 * When a record was (approximately) written. DynamoDB Local rounds ApproximateCreationDateTime down to the
 * minute, so a record first seen less than a minute after that is dated by when it was first read.
 */
export function createdAtEstimate(entry: StreamEntry): number {
  const created = (entry.record.dynamodb.ApproximateCreationDateTime ?? entry.readAt / 1000) * 1000;
  return entry.readAt - created < 60_000 ? entry.readAt : created;
}
