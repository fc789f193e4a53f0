import { Journal, type JournalOptions } from './journal';

/** One line of a pending-work journal: an item accepted, its progress updated, or the item finished. */
export type WorkRecord<T, P> =
  | { t: 'add'; id: string; item: T; p?: P }
  | { t: 'progress'; id: string; p: P }
  | { t: 'done'; id: string };

/** An item still to be worked on after a restart, with the last progress noted for it. */
export interface PendingItem<T, P> {
  id: string;
  item: T;
  progress: P | undefined;
}

/** Replays a pending-work journal: what was added and not yet done, in the order it was added. */
export function replayWork<T, P>(records: Iterable<WorkRecord<T, P>>): Map<string, PendingItem<T, P>> {
  const pending = new Map<string, PendingItem<T, P>>();
  for (const record of records) {
    if (record.t === 'add') pending.set(record.id, { id: record.id, item: record.item, progress: record.p });
    else if (record.t === 'done') pending.delete(record.id);
    else {
      const entry = pending.get(record.id);
      if (entry) entry.progress = record.p;
    }
  }
  return pending;
}

/**
 * Work an engine has accepted and must finish even across a crash (an event delivery, an asynchronous invocation,
 * an execution): `add` before the caller is answered, `progress` as it goes (attempts made), `done` once it needs
 * nothing more. On the next start, `restored` lists what was added and not done, for the engine to take up again.
 * Without a file (`--in-memory`), nothing is written and nothing is restored.
 */
export class PendingWork<T, P = undefined> {
  private readonly journal: Journal<WorkRecord<T, P>> | undefined;
  private readonly live = new Map<string, PendingItem<T, P>>();
  /** What the previous run left unfinished (taken once by the engine's resume). */
  private saved: PendingItem<T, P>[];
  readonly skipped: number;

  constructor(path: string | undefined, options: JournalOptions = {}) {
    if (!path) {
      this.saved = [];
      this.skipped = 0;
      return;
    }
    const { journal, contents } = Journal.open<WorkRecord<T, P>>(path, options);
    this.journal = journal;
    for (const entry of replayWork(contents.records).values()) this.live.set(entry.id, entry);
    this.saved = [...this.live.values()];
    this.skipped = contents.skipped;
    journal.compact(this.snapshot(), () => this.snapshot());
  }

  /** Whether anything is written at all. */
  get persistent(): boolean {
    return this.journal !== undefined;
  }

  add(id: string, item: T, progress?: P): void {
    if (!this.journal) return;
    this.live.set(id, { id, item, progress });
    this.journal.append(
      progress === undefined ? { t: 'add', id, item } : { t: 'add', id, item, p: progress },
    );
  }

  progress(id: string, progress: P): void {
    const entry = this.live.get(id);
    if (!this.journal || !entry) return;
    entry.progress = progress;
    this.journal.append({ t: 'progress', id, p: progress });
  }

  done(id: string): void {
    if (!this.journal || !this.live.delete(id)) return;
    this.journal.append({ t: 'done', id });
  }

  /** The unfinished items of the previous run, once (the engine takes them up again or marks them done). */
  restored(): PendingItem<T, P>[] {
    const saved = this.saved;
    this.saved = [];
    return saved;
  }

  /** How many items are accepted and not done. */
  get size(): number {
    return this.live.size;
  }

  close(): void {
    this.journal?.close();
  }

  private *snapshot(): Iterable<WorkRecord<T, P>> {
    for (const { id, item, progress } of this.live.values()) {
      yield progress === undefined ? { t: 'add', id, item } : { t: 'add', id, item, p: progress };
    }
  }
}
