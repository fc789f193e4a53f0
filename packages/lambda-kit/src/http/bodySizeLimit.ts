import type { MiddlewareObj } from '@middy/core';
import { HttpProblemError } from './HttpProblemError';
import type { HttpEvent } from './types';

export interface BodySizeLimitOptions {
  /** Largest accepted decoded body, in bytes. */
  maxBytes?: number;
}

const defaults: Required<BodySizeLimitOptions> = { maxBytes: 16 * 1024 };

/** The size of the body once base64 is undone, computed without decoding it. */
const decodedByteLength = (body: string, isBase64Encoded: boolean): number =>
  isBase64Encoded ? Buffer.byteLength(body, 'base64') : Buffer.byteLength(body, 'utf8');

/**
 * Rejects a request whose decoded body is larger than `maxBytes` with 413 PAYLOAD_TOO_LARGE, before anything
 * parses it.
 *
 * @example
 * middy(handler).use(bodySizeLimit({ maxBytes: 8 * 1024 }));
 */
export const bodySizeLimit = (options: BodySizeLimitOptions = {}): MiddlewareObj<HttpEvent> => {
  const maxBytes = options.maxBytes ?? defaults.maxBytes;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new TypeError(`bodySizeLimit: maxBytes must be a non-negative integer, got ${maxBytes}`);
  }
  const before = ({ event }: { event: HttpEvent }): void => {
    if (event.body === undefined || event.body === null) return;
    const size = decodedByteLength(event.body, event.isBase64Encoded);
    if (size > maxBytes) {
      throw new HttpProblemError(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body must not exceed ${maxBytes} bytes`,
      );
    }
  };
  return { before };
};
