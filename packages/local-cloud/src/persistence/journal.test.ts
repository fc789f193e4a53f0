import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Journal, readJournal, syncFromEnvironment } from './journal';
import { PendingWork, replayWork, type WorkRecord } from './pendingWork';

const scratch = () => mkdtempSync(join(tmpdir(), 'journal-'));

describe('Journal', () => {
  it('reads back every record appended before the process went away', () => {
    const path = join(scratch(), 'nested', 'j.jsonl');
    const { journal, contents } = Journal.open<{ n: number }>(path);
    expect(contents).toEqual({ records: [], skipped: 0 });
    for (let n = 0; n < 5; n++) journal.append({ n });
    // No close: a killed process never closes its files; the OS already has every line.

    expect(readJournal(path)).toEqual({ records: [0, 1, 2, 3, 4].map((n) => ({ n })), skipped: 0 });
  });

  it('skips the torn last line a crash left and appends after it cleanly once compacted', () => {
    const path = join(scratch(), 'j.jsonl');
    writeFileSync(path, '{"n":1}\n{"n":2}\n{"n":3, "bod');

    const { journal, contents } = Journal.open<{ n: number }>(path);
    expect(contents).toEqual({ records: [{ n: 1 }, { n: 2 }], skipped: 1 });
    journal.compact(contents.records);
    journal.append({ n: 4 });

    expect(readJournal(path)).toEqual({ records: [{ n: 1 }, { n: 2 }, { n: 4 }], skipped: 0 });
  });

  it('skips a damaged line in the middle and keeps the lines around it', () => {
    const path = join(scratch(), 'j.jsonl');
    writeFileSync(path, '{"n":1}\nnot json\n\n{"n":2}\n');

    expect(readJournal(path)).toEqual({ records: [{ n: 1 }, { n: 2 }], skipped: 1 });
  });

  it('compacts by renaming a complete file over the journal, leaving no temporary file', () => {
    const dir = scratch();
    const path = join(dir, 'j.jsonl');
    const { journal } = Journal.open<{ n: number }>(path);
    for (let n = 0; n < 10; n++) journal.append({ n });

    journal.compact([{ n: 9 }]);
    journal.append({ n: 10 });

    expect(readJournal(path).records).toEqual([{ n: 9 }, { n: 10 }]);
    expect(readdirSync(dir)).toEqual(['j.jsonl']);
  });

  it('compacts itself from the live state once enough has been appended', () => {
    const path = join(scratch(), 'j.jsonl');
    const live = new Map<number, { n: number }>();
    const { journal } = Journal.open<{ n: number }>(path, { compactAfter: 10 });
    journal.compact([], () => live.values());
    for (let n = 0; n < 25; n++) {
      live.clear();
      live.set(n, { n });
      journal.append({ n });
    }

    // Compacted at the 10th and 20th append (to the one live record), then 5 more appended.
    expect(readJournal(path).records).toEqual([19, 20, 21, 22, 23, 24].map((n) => ({ n })));
  });

  it('writes nothing after close', () => {
    const path = join(scratch(), 'j.jsonl');
    const { journal } = Journal.open<{ n: number }>(path);
    journal.append({ n: 1 });
    journal.close();
    journal.append({ n: 2 });

    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
  });

  it('flushes to the disk when asked to (SPENDWISE_LOCAL_FSYNC=1)', () => {
    expect(syncFromEnvironment({ SPENDWISE_LOCAL_FSYNC: '1' })).toBe(true);
    expect(syncFromEnvironment({})).toBe(false);
    const path = join(scratch(), 'j.jsonl');
    const { journal } = Journal.open<{ n: number }>(path, { sync: true });
    journal.append({ n: 1 });
    journal.compact([{ n: 2 }]);

    expect(readJournal(path).records).toEqual([{ n: 2 }]);
  });
});

describe('PendingWork', () => {
  it('replays what was added and not done, with its last progress, in the order it was added', () => {
    const records: WorkRecord<string, number>[] = [
      { t: 'add', id: 'a', item: 'A' },
      { t: 'add', id: 'b', item: 'B' },
      { t: 'progress', id: 'a', p: 2 },
      { t: 'done', id: 'b' },
      { t: 'add', id: 'c', item: 'C', p: 1 },
      { t: 'progress', id: 'gone', p: 9 },
    ];

    expect([...replayWork(records).values()]).toEqual([
      { id: 'a', item: 'A', progress: 2 },
      { id: 'c', item: 'C', progress: 1 },
    ]);
  });

  it('hands the unfinished work of a killed run to the next run once, and compacts the file to it', () => {
    const path = join(scratch(), 'work.jsonl');
    const first = new PendingWork<string, number>(path);
    first.add('a', 'A');
    first.add('b', 'B');
    first.progress('a', 1);
    first.done('b');
    // Killed here, mid-line of the next record.
    appendFileSync(path, '{"t":"add","id":"c","it');

    const second = new PendingWork<string, number>(path);
    expect(second.skipped).toBe(1);
    expect(second.restored()).toEqual([{ id: 'a', item: 'A', progress: 1 }]);
    expect(second.restored()).toEqual([]);
    expect(readJournal(path).records).toEqual([{ t: 'add', id: 'a', item: 'A', p: 1 }]);
    second.done('a');

    expect(new PendingWork<string, number>(path).restored()).toEqual([]);
  });

  it('keeps nothing without a file (in memory)', () => {
    const work = new PendingWork<string>(undefined);
    work.add('a', 'A');

    expect(work.persistent).toBe(false);
    expect(work.size).toBe(0);
    expect(work.restored()).toEqual([]);
  });
});
