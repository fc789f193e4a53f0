import { InvalidCursorError } from '../domain/errors';

type Key = Record<string, string>;

/** Encodes a DynamoDB LastEvaluatedKey as an opaque, URL-safe cursor. */
export const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * Decodes a cursor and checks that it belongs to the caller's partition and carries exactly the index's keys,
 * so a cursor can neither be forged to read another user's items nor cause a DynamoDB error.
 */
export function decodeCursor(cursor: string, expectedPartition: string, attributes: readonly string[]): Key {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursorError();
  const entries = Object.entries(key);
  const wellFormed =
    entries.length === attributes.length &&
    entries.every(([name, value]) => attributes.includes(name) && typeof value === 'string');
  if (!wellFormed || (key as Key).PK !== expectedPartition) throw new InvalidCursorError();
  return key as Key;
}
