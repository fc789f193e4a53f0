import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The last sequence number of each shard a mapping has finished with. */
export interface CheckpointStore {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): void;
}

/** Checkpoints kept for this run only (DynamoDB Local in memory: the stream starts empty anyway). */
export function memoryCheckpoints(): CheckpointStore {
  const values = new Map<string, string>();
  return { get: (shard) => values.get(shard), set: (shard, sequence) => void values.set(shard, sequence) };
}

/**
 * Checkpoints in `<folder>/<mapping>.json`, so that with persistent DynamoDB data a restart resumes after
 * what was delivered instead of replaying the stream from TRIM_HORIZON, as Lambda's mapping state does.
 *
 * They belong to one stream: when the mapping now reads another stream (the service re-pointed to a restored
 * table, whose stream is new), the file's checkpoints are not used. On AWS a new EventSourceArn is a new
 * mapping that starts at its StartingPosition; DynamoDB Local's shard ids and sequence numbers can repeat
 * across streams, and an old checkpoint applied to the new stream skipped its first records.
 */
export function fileCheckpoints(folder: string, mappingName: string, streamArn: string): CheckpointStore {
  const path = join(folder, `${mappingName.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  let values: Record<string, string> = {};
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredCheckpoints | Record<string, string>;
    // Files written before checkpoints named their stream hold the shards alone: taken as this stream's.
    if (!('shards' in stored) || typeof stored.shards !== 'object') values = stored as Record<string, string>;
    else if (stored.streamArn === streamArn) values = stored.shards;
  } catch {
    values = {};
  }
  return {
    get: (shard) => values[shard],
    set: (shard, sequence) => {
      values[shard] = sequence;
      mkdirSync(folder, { recursive: true });
      // Written aside and renamed over: a crash mid-write leaves the previous checkpoints, never a torn file.
      const temporary = `${path}.${process.pid}.tmp`;
      const stored: StoredCheckpoints = { streamArn, shards: values };
      writeFileSync(temporary, JSON.stringify(stored));
      renameSync(temporary, path);
    },
  };
}

interface StoredCheckpoints {
  streamArn: string;
  shards: Record<string, string>;
}
