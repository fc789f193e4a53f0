/** How long a TTL deletion waits to be matched with its REMOVE stream record. */
const KEEP_MS = 10 * 60_000;

/**
 * The deletions the TTL sweeper made, so that their REMOVE stream records can carry the
 * `userIdentity` of the DynamoDB service, as real TTL deletions do (DynamoDB Local cannot tell them apart
 * from ordinary DeleteItem calls).
 */
export class TtlDeletions {
  private readonly pending = new Map<string, number>();

  /** Remembers that the sweeper is about to delete the item with these key attributes. */
  mark(tableName: string, keys: Record<string, unknown>): void {
    this.prune();
    this.pending.set(identity(tableName, keys), Date.now());
  }

  /** True (once) when this REMOVE of `tableName` was the sweeper's. */
  take(tableName: string, keys: Record<string, unknown>): boolean {
    return this.pending.delete(identity(tableName, keys));
  }

  private prune(): void {
    const oldest = Date.now() - KEEP_MS;
    for (const [key, at] of this.pending) if (at < oldest) this.pending.delete(key);
  }
}

function identity(tableName: string, keys: Record<string, unknown>): string {
  const sorted = Object.keys(keys)
    .sort()
    .map((name) => [name, keys[name]]);
  return `${tableName}\u0000${JSON.stringify(sorted)}`;
}
