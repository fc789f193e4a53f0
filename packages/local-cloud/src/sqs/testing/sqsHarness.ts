import type { AwsApiError } from '../../core/errors';
import type { AwsRequest } from '../../core/protocol';
import { fakeCloud } from '../../testing/fakeCloud';
import { ManualClock } from '../clock';
import { SqsEngine } from '../engine';

/** An AwsRequest as the gateway would classify an SQS JSON call. */
export function sqsRequest(action: string, body: object): AwsRequest {
  return {
    service: 'sqs',
    protocol: 'json',
    action,
    target: `AmazonSQS.${action}`,
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
    body: Buffer.from(JSON.stringify(body)),
    http2: false,
  };
}

/** A fresh engine on a fake cloud and a manual clock, with `call` to drive its API as a client would. */
export function sqsHarness(options: { visibilityTimeScale?: number } = {}) {
  const clock = new ManualClock();
  const { cloud, recorded, answers } = fakeCloud();
  const engine = new SqsEngine(cloud, { clock, ...options });
  cloud.sqs = engine;
  // biome-ignore lint/suspicious/noExplicitAny: API answers are loosely typed JSON in tests.
  const call = async (action: string, body: object = {}): Promise<any> =>
    (await engine.handle(sqsRequest(action, body))).body;
  /** Calls and returns the AwsApiError it fails with (fails the test if it succeeds). */
  const callError = async (action: string, body: object = {}): Promise<AwsApiError> => {
    try {
      await call(action, body);
    } catch (error) {
      return error as AwsApiError;
    }
    throw new Error(`${action} succeeded`);
  };
  return { clock, cloud, recorded, answers, engine, call, callError };
}
