import { InvalidCursorError } from '../domain/errors';

type Key = Record<string, string>;

/** Encodes a DynamoDB LastEvaluatedKey as an opaque, URL-safe cursor. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Decodes a cursor and checks that it belongs to the partition being queried, so a cursor can neither be
 * forged to read another partition nor produce a DynamoDB error.
 */
export function decodeCursor(
  cursor: string,
  indexPartitionAttribute: string,
  expectedPartition: string,
): Key {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    typeof key !== 'object' ||
    key === null ||
    Object.values(key).some((value) => typeof value !== 'string') ||
    (key as Key)[indexPartitionAttribute] !== expectedPartition
  ) {
    throw new InvalidCursorError();
  }
  return key as Key;
}
