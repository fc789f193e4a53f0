import { createHash, randomBytes } from 'node:crypto';

const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A deterministic lower-case id like API Gateway's (`a1b2c3d4e5` for APIs, 7 characters for integrations). */
export function gatewayId(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < length; i++) id += LOWER_ALNUM[digest[i]! % LOWER_ALNUM.length];
  return id;
}

/** A request id shaped like HTTP API's `apigw-requestid` (`Mc7UVioPPHcEKPA=`). */
export const newRequestId = () => randomBytes(11).toString('base64');

/** An X-Ray style trace id for `x-amzn-trace-id`. */
export const newTraceId = () =>
  `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
