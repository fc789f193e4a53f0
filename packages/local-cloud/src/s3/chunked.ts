import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './errors';

/**
 * Decodes an `aws-chunked` body (`x-amz-content-sha256: STREAMING-…`): `<hex size>[;chunk-signature=…]\r\n`,
 * the bytes, `\r\n`, …, a zero-size chunk, then trailer lines (`x-amz-checksum-crc32:…`) and a blank line. The
 * SDK sends PutObject bodies of unknown length this way. Chunk signatures are not checked (header-signed
 * requests are not verified locally; see docs/adr/0014).
 */
export class AwsChunkedDecoder extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private state: 'header' | 'data' | 'crlf' | 'trailer' | 'done' = 'header';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      this.drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(
      this.state === 'done' || this.state === 'trailer'
        ? null
        : new S3Error(400, 'IncompleteBody', 'The request body terminated unexpectedly'),
    );
  }

  private drain(): void {
    while (this.state === 'data' ? this.data() : this.line()) {}
  }

  /** Passes on the current chunk's bytes; false when more input is needed. */
  private data(): boolean {
    if (this.buffer.length === 0) return false;
    const part = this.buffer.subarray(0, this.remaining);
    this.push(part);
    this.remaining -= part.length;
    this.buffer = this.buffer.subarray(part.length);
    if (this.remaining === 0) this.state = 'crlf';
    return true;
  }

  /** Reads one CRLF-terminated line (chunk header, chunk end, trailer); false when more input is needed. */
  private line(): boolean {
    if (this.state === 'done') {
      this.buffer = Buffer.alloc(0);
      return false;
    }
    const end = this.buffer.indexOf('\r\n');
    if (end < 0) {
      if (this.buffer.length > 64 * 1024)
        throw new S3Error(400, 'InvalidChunkSizeError', 'Chunk header too long');
      return false;
    }
    const line = this.buffer.subarray(0, end).toString('latin1');
    this.buffer = this.buffer.subarray(end + 2);
    if (this.state === 'crlf') this.state = 'header';
    else if (this.state === 'trailer') {
      if (line === '') this.state = 'done';
    } else this.header(line);
    return true;
  }

  private header(line: string): void {
    const size = Number.parseInt(line.split(';', 1)[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0)
      throw new S3Error(
        400,
        'InvalidChunkSizeError',
        'Only the last chunk is allowed to have a size less than 8192 bytes',
      );
    if (size === 0) this.state = 'trailer';
    else {
      this.remaining = size;
      this.state = 'data';
    }
  }
}

export const isAwsChunked = (headers: Record<string, string>) =>
  (headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-') ||
  (headers['content-encoding'] ?? '').split(',').some((part) => part.trim() === 'aws-chunked');
