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
 */
export function fileCheckpoints(folder: string, mappingName: string): CheckpointStore {
  const path = join(folder, `${mappingName.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  let values: Record<string, string> = {};
  try {
    values = JSON.parse(readFileSync(path, 'utf8'));
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
      writeFileSync(temporary, JSON.stringify(values));
      renameSync(temporary, path);
    },
  };
}
