import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { AwsChunkedDecoder } from './chunked';

const decode = async (wire: string, pieceSize: number) => {
  const pieces: Buffer[] = [];
  const bytes = Buffer.from(wire);
  for (let offset = 0; offset < bytes.length; offset += pieceSize)
    pieces.push(bytes.subarray(offset, offset + pieceSize));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(new AwsChunkedDecoder())) out.push(chunk as Buffer);
  return Buffer.concat(out).toString();
};

describe('the aws-chunked decoder', () => {
  const signed =
    '5;chunk-signature=ab12\r\nhello\r\n6;chunk-signature=cd34\r\n world\r\n0;chunk-signature=ef56\r\n\r\n';
  const trailer = '5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';

  it.each([1, 3, 1000])(
    'decodes signed chunks and a checksum trailer however the bytes arrive (%i at a time)',
    async (size) => {
      expect(await decode(signed, size)).toBe('hello world');
      expect(await decode(trailer, size)).toBe('hello world');
    },
  );

  it('fails a body cut before its last chunk', async () => {
    await expect(decode('5\r\nhel', 10)).rejects.toMatchObject({ code: 'IncompleteBody' });
  });
});
