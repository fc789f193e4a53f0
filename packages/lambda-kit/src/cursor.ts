/**
 * The one pagination cursor of every Spendwise list: an opaque, URL-safe token for a DynamoDB `LastEvaluatedKey`,
 * bound to the partition it was minted for.
 *
 * A cursor is `<key><seal>`, all base64url (so it passes the APIs' `^[A-Za-z0-9_-]+$` cursor pattern): the key as
 * JSON, then a fixed-length SHA-256 seal over the key and the partition being queried. Decoding recomputes the seal for the caller's partition (built by the service from the caller's
 * identity, never from input) and checks the key has exactly the expected attributes, all strings or numbers, and
 * names that partition. So a cursor minted for user A is refused for user B, and an edited, truncated or made-up
 * cursor is refused, always as InvalidCursorError (400 INVALID_CURSOR) — never a DynamoDB error. The seal is not a
 * secret: what keeps a caller out of another partition is the partition check; the seal makes any change to a
 * cursor, even within the caller's own partition, a clear error instead of a silently different page.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpProblemError } from './http/HttpProblemError';

/** What a cursor may page through: one partition of one table or index. */
export interface CursorScope {
  /** The key attribute that holds the partition being queried (`PK`, `GSI1PK`…). */
  readonly partitionAttribute: string;
  /** The partition the caller may page through, built from the caller's identity (and query), never from input. */
  readonly partition: string;
  /** Every attribute of the query's LastEvaluatedKey: the table's keys and, on an index, the index's. */
  readonly keyAttributes: readonly string[];
}

export type CursorKey = Record<string, string | number>;

/** A cursor not minted by this codec for this partition: a 400 with code INVALID_CURSOR on an HTTP API. */
export class InvalidCursorError extends HttpProblemError {
  constructor(readonly reason: string) {
    super(400, 'INVALID_CURSOR', 'The cursor is not valid for this query');
    this.name = 'InvalidCursorError';
  }
}

/** Longer than any cursor this codec mints for Spendwise's keys; anything longer is refused unread. */
const MAX_CURSOR_LENGTH = 2048;
const SEAL_BYTES = 16;
/** base64url of SEAL_BYTES bytes, without padding. */
const SEAL_LENGTH = Math.ceil((SEAL_BYTES * 4) / 3);

const sealOf = (payload: string, partition: string): Buffer =>
  createHash('sha256')
    .update(`spendwise-cursor-v1\u0000${partition}\u0000${payload}`)
    .digest()
    .subarray(0, SEAL_BYTES);

/**
 * Mints the cursor of `key` (a LastEvaluatedKey of a query of `scope.partition`).
 *
 * @example nextCursor: page.LastEvaluatedKey && encodeCursor(page.LastEvaluatedKey, scope)
 */
export function encodeCursor(key: Record<string, unknown>, scope: CursorScope): string {
  let checked: CursorKey;
  try {
    checked = checkKey(key, scope);
  } catch (error) {
    // The key came from DynamoDB, not from the caller: a scope that does not fit the query is a bug (500).
    throw new Error(`The key does not fit the cursor scope (${(error as InvalidCursorError).reason})`);
  }
  const payload = Buffer.from(JSON.stringify(checked)).toString('base64url');
  return `${payload}${sealOf(payload, scope.partition).toString('base64url')}`;
}

/**
 * The ExclusiveStartKey a cursor stands for, if it was minted for `scope`; throws InvalidCursorError otherwise.
 *
 * @example ExclusiveStartKey: cursor === undefined ? undefined : decodeCursor(cursor, scope)
 */
export function decodeCursor(cursor: string, scope: CursorScope): CursorKey {
  if (cursor.length <= SEAL_LENGTH || cursor.length > MAX_CURSOR_LENGTH)
    throw new InvalidCursorError('length');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError('alphabet');
  const payload = cursor.slice(0, -SEAL_LENGTH);
  const seal = cursor.slice(-SEAL_LENGTH);
  const given = Buffer.from(seal, 'base64url');
  const expected = sealOf(payload, scope.partition);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidCursorError('seal');
  }
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('json');
  }
  return checkKey(key, scope);
}

function checkKey(key: unknown, scope: CursorScope): CursorKey {
  if (typeof key !== 'object' || key === null || Array.isArray(key))
    throw new InvalidCursorError('not a key');
  const entries = Object.entries(key);
  const wellFormed =
    entries.length === scope.keyAttributes.length &&
    entries.every(
      ([name, value]) =>
        scope.keyAttributes.includes(name) &&
        (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))),
    );
  if (!wellFormed) throw new InvalidCursorError('attributes');
  if ((key as CursorKey)[scope.partitionAttribute] !== scope.partition)
    throw new InvalidCursorError('partition');
  return key as CursorKey;
}
