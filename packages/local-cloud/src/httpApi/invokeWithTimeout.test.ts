import { describe, expect, it } from '@jest/globals';
import { AwsApiError } from '../core/errors';
import type { InvokeOptions, LambdaPort } from '../core/ports';
import { invokeWithTimeout } from './invokeWithTimeout';

describe("the HTTP API's Lambda integration", () => {
  it('asks Lambda to throttle rather than queue, and turns the throttle into a failed integration at once', async () => {
    const asked: (InvokeOptions | undefined)[] = [];
    const lambda: LambdaPort = {
      has: () => true,
      invoke: async (_ref, _payload, options) => {
        asked.push(options);
        throw new AwsApiError(429, 'TooManyRequestsException', 'Rate Exceeded.');
      },
    };

    const outcome = await invokeWithTimeout(lambda, 'fn', {}, 30_000);

    expect(asked).toEqual([{ whenBusy: 'throttle' }]);
    expect(outcome).toMatchObject({ ok: false, errorMessage: 'Rate Exceeded.' });
  });
});
