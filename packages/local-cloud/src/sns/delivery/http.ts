import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PublishedMessage, Subscription } from '../model';
import { deliveryBody } from '../notification';
import { type Deliver, type DeliveryEnv, DeliveryFailedError } from './types';

/** True for endpoints on this machine; the local cloud never sends anything to the network. */
export function isLoopback(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** The headers SNS sends with every HTTP/S notification. */
export function snsHeaders(message: PublishedMessage, subscription: Subscription, body: string) {
  return {
    'content-type': 'text/plain; charset=UTF-8',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': 'Notification',
    'x-amz-sns-message-id': message.messageId,
    'x-amz-sns-topic-arn': message.topicArn,
    'x-amz-sns-subscription-arn': subscription.arn,
    ...(subscription.rawMessageDelivery ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
  };
}

/** One POST; resolves with the status code. Local HTTPS servers usually have self-signed certificates. */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number) {
  return new Promise<number>((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: 'POST', headers, timeout: timeoutMs, rejectUnauthorized: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function attempt(url: string, headers: Record<string, string>, body: string, env: DeliveryEnv) {
  try {
    const status = await post(url, headers, body, env.httpTimeoutMs);
    return status >= 200 && status < 300 ? undefined : `HTTP ${status}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * POSTs the notification to a loopback HTTP/S endpoint, retrying a failed attempt `httpRetries` times.
 * Endpoints off this machine are refused with a logged line.
 */
export const deliverToHttp: Deliver = async (message, subscription, env) => {
  if (!isLoopback(subscription.endpoint)) {
    env.ctx.log(
      `SNS: refused to POST to ${subscription.endpoint}: the local cloud only delivers to loopback`,
    );
    throw new DeliveryFailedError(`endpoint ${subscription.endpoint} is not a loopback address`);
  }
  const body = deliveryBody(message, subscription, env.urls);
  const headers = snsHeaders(message, subscription, body);
  let failure: string | undefined;
  for (let tries = 0; tries <= env.httpRetries; tries++) {
    if (tries > 0) await new Promise((resolve) => setTimeout(resolve, env.httpRetryDelayMs));
    failure = await attempt(subscription.endpoint, headers, body, env);
    if (failure === undefined) return;
  }
  throw new DeliveryFailedError(`POST ${subscription.endpoint} failed: ${failure}`);
};
