import {
  closeSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** What opening a journal found on disk. */
export interface JournalContents<R> {
  /** The records in the order they were appended (the torn last line of a crash left out). */
  records: R[];
  /** Lines that could not be read: a torn last line after a crash, or damage in the middle. */
  skipped: number;
}

export interface JournalOptions {
  /**
   * Flush every append to the disk (fdatasync) before it returns, so that a machine crash or power loss keeps
   * what was acknowledged too. Off by default: a write the OS has taken survives a crash of the process.
   */
  sync?: boolean;
  /**
   * Appends after which the journal is rewritten from `snapshot` (the owner's live state), so a long run does not
   * grow it without bound. Default 20,000; the threshold grows with the size of the last snapshot.
   */
  compactAfter?: number;
}

/**
 * An append-only file of JSON lines, one record per line, written with a plain `write(2)` before the caller is
 * answered. Opening it reads every whole line back; a line cut short by a crash is skipped. The owner replays the
 * records into its state and rewrites the file with `compact` (a temporary file renamed over the journal, so a
 * crash during compaction leaves either the old or the new file, never a mix).
 *
 * @example
 * const { journal, contents } = Journal.open<Rec>('/data/sqs/messages.jsonl');
 * const state = replay(contents.records);
 * journal.compact(recordsOf(state), () => recordsOf(state));
 * journal.append({ t: 'del', id });
 */
export class Journal<R> {
  private fd: number | undefined;
  private appended = 0;
  private threshold: number;
  private snapshot: (() => Iterable<R>) | undefined;

  private constructor(
    readonly path: string,
    private readonly options: JournalOptions,
  ) {
    this.threshold = options.compactAfter ?? 20_000;
  }

  /** Reads the journal at `path` (missing: empty) and opens it for appending. */
  static open<R>(
    path: string,
    options: JournalOptions = {},
  ): { journal: Journal<R>; contents: JournalContents<R> } {
    mkdirSync(dirname(path), { recursive: true });
    const contents = readJournal<R>(path);
    const journal = new Journal<R>(path, options);
    journal.fd = openSync(path, 'a');
    return { journal, contents };
  }

  /** Appends one record; once it returns, the OS has the line (and the disk too with `sync`). */
  append(record: R): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (this.options.sync) fdatasyncSync(this.fd);
    this.appended++;
    if (this.snapshot && this.appended >= this.threshold) this.compact(this.snapshot());
  }

  /**
   * Replaces the journal with `records` (the live state), atomically. `snapshot`, when given, is how the journal
   * gets the live state again for the compactions it does on its own as it grows.
   */
  compact(records: Iterable<R>, snapshot?: () => Iterable<R>): void {
    if (snapshot) this.snapshot = snapshot;
    if (this.fd === undefined) return;
    const lines: string[] = [];
    for (const record of records) lines.push(`${JSON.stringify(record)}\n`);
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, lines.join(''));
    if (this.options.sync) {
      const fd = openSync(temporary, 'r+');
      fdatasyncSync(fd);
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.appended = 0;
    this.threshold = Math.max(this.options.compactAfter ?? 20_000, lines.length * 4);
  }

  /** Stops writing (later appends are ignored). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Every whole, parseable line of a journal file; a missing file is an empty journal. */
export function readJournal<R>(path: string): JournalContents<R> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw error;
  }
  const records: R[] = [];
  let skipped = 0;
  const lines = text.split('\n');
  // After the last newline comes either nothing or a line the crash cut short.
  const tail = lines.pop() ?? '';
  if (tail.length > 0) skipped++;
  for (const line of lines) {
    if (line.length === 0) continue;
    try {
      records.push(JSON.parse(line) as R);
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

/** Whether journal appends should also reach the disk (`SPENDWISE_LOCAL_FSYNC=1`), for machine-crash safety. */
export function syncFromEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SPENDWISE_LOCAL_FSYNC === '1' || env.SPENDWISE_LOCAL_FSYNC === 'true';
}
