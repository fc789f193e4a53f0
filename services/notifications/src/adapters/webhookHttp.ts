import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PostWebhook, ResolveHost } from '../ports';

/** The delivery's deadline passed: the receiver (or its DNS) did not finish in time. */
export class WebhookDeadlineError extends Error {
  constructor(stage: 'resolve' | 'post') {
    super(
      stage === 'resolve'
        ? 'The webhook host did not resolve before the delivery deadline'
        : 'The webhook receiver did not answer in full before the delivery deadline',
    );
    this.name = 'WebhookDeadlineError';
  }
}

/** Rejects with `onAbort()` as soon as `signal` aborts, else settles as `work` does. */
const beforeDeadline = <T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error) => {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
};

/** Every address the system resolver returns for a host (what a connection could use). */
export const resolveHost: ResolveHost = async (hostname, signal) =>
  (
    await beforeDeadline(
      lookup(hostname, { all: true, verbatim: true }),
      signal,
      () => new WebhookDeadlineError('resolve'),
    )
  ).map((entry) => entry.address);

/** A lookup that always answers with the address already checked, so the connection cannot be re-pointed. */
const pinnedLookup =
  (address: string): LookupFunction =>
  (_hostname, options, callback) => {
    const family = address.includes(':') ? 6 : 4;
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a webhook over node:http(s) to the address that was checked, keeping the host name for TLS (SNI and
 * certificate checks) and the Host header. Redirects are not followed. The request's `signal` is its deadline:
 * when it aborts, at whatever stage (connecting, waiting for the headers, reading the body), the socket is
 * destroyed and the promise rejects with `WebhookDeadlineError`; a receiver that trickles bytes cannot hold the
 * delivery longer. Rejects on network errors too; resolves with the status once the answer is read (a body over
 * 64 KiB is cut off and the status kept).
 */
export const postWebhook: PostWebhook = ({ url, address, body, headers, signal }) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new WebhookDeadlineError('post'));
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        lookup: pinnedLookup(address),
        signal,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let received = 0;
        let cutOff = false;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) {
            cutOff = true;
            res.destroy();
          }
        });
        res.on('end', () => resolve({ status }));
        res.on('close', () => {
          if (cutOff) resolve({ status });
          else
            reject(signal.aborted ? new WebhookDeadlineError('post') : new Error('The answer was cut off'));
        });
        res.on('error', () => {});
      },
    );
    req.on('error', (error) => reject(signal.aborted ? new WebhookDeadlineError('post') : error));
    req.end(body);
  });
