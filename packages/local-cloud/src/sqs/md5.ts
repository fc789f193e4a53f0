import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from '../core/ports';

/** Hex MD5 of a UTF-8 string, as SQS reports MD5OfMessageBody (the SDK checks it). */
export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

const lengthPrefixed = (bytes: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/**
 * MD5OfMessageAttributes as SQS computes it: attributes sorted by name, each encoded as length-prefixed name,
 * length-prefixed data type, a transport byte (1 string, 2 binary) and the length-prefixed value.
 * Returns undefined when there are no attributes (SQS then omits the field).
 */
export function md5OfMessageAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (!attributes || names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (attribute.BinaryValue !== undefined && attribute.StringValue === undefined) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(Buffer.from(attribute.BinaryValue, 'base64')));
    } else {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}
