import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PostWebhook, ResolveHost } from '../ports';

/** Every address the system resolver returns for a host (what a connection could use). */
export const resolveHost: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

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

export interface WebhookHttpConfig {
  timeoutMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a webhook over node:http(s) to the address that was checked, keeping the host name for TLS (SNI and
 * certificate checks) and the Host header. Redirects are not followed. Rejects on network errors and timeouts.
 */
export function buildWebhookPoster(config: WebhookHttpConfig): PostWebhook {
  return ({ url, address, body, headers }) =>
    new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method: 'POST',
          lookup: pinnedLookup(address),
          timeout: config.timeoutMs,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) res.destroy();
          });
          res.on('close', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`Webhook timed out after ${config.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
}
