import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { fakeCloud } from '../testing/fakeCloud';
import { CustomResourceProvider } from './customResources';

const put = (provider: CustomResourceProvider, url: string, body: unknown) =>
  provider.routes()[0]!.handle({
    method: 'PUT',
    path: new URL(url).pathname,
    body: Buffer.from(JSON.stringify(body)),
  } as AwsRequest);

const resource = (properties: Record<string, unknown>) => ({
  stack: 'edge',
  stackDir: '/tmp/edge',
  logicalId: 'ApiDomains',
  type: 'Custom::CrossRegionParameters',
  properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:000000000000:function:read', ...properties },
});

describe('CustomResourceProvider', () => {
  it('invokes the ServiceToken function with a Create event and takes Data and PhysicalResourceId from its answer', async () => {
    const { cloud, answers, recorded } = fakeCloud();
    const provider = new CustomResourceProvider();
    answers.invoke = async (_ref, payload) => {
      const event = payload as { ResponseURL: string; RequestId: string; LogicalResourceId: string };
      const answer = await put(provider, event.ResponseURL, {
        Status: 'SUCCESS',
        PhysicalResourceId: `${event.LogicalResourceId}-parameters`,
        RequestId: event.RequestId,
        Data: { expenses: 'abc.execute-api.eu-west-1.amazonaws.com' },
      });
      expect(answer.status).toBe(200);
      return { ok: true, result: null, durationMs: 1, coldStart: false };
    };

    const created = await provider.create(
      resource({ Region: 'eu-west-1', Parameters: { expenses: '/p' } }),
      cloud,
    );

    expect(created).toEqual({
      ref: 'ApiDomains-parameters',
      attributes: { expenses: 'abc.execute-api.eu-west-1.amazonaws.com' },
    });
    expect(recorded.invocations[0]?.payload).toMatchObject({
      RequestType: 'Create',
      ResourceType: 'Custom::CrossRegionParameters',
      ResourceProperties: { Region: 'eu-west-1', Parameters: { expenses: '/p' } },
      ResponseURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4566\/_local\/cloudformation\/responses\//),
    });
  });

  it('fails the deployment with the Reason of a FAILED answer, or when the function never answers', async () => {
    const { cloud, answers } = fakeCloud();
    const provider = new CustomResourceProvider();
    answers.invoke = async (_ref, payload) => {
      await put(provider, (payload as { ResponseURL: string }).ResponseURL, {
        Status: 'FAILED',
        Reason: 'parameter /p missing',
      });
      return { ok: true, result: null, durationMs: 1, coldStart: false };
    };
    await expect(provider.create(resource({}), cloud)).rejects.toThrow(
      'answered FAILED: parameter /p missing',
    );

    answers.invoke = async () => ({
      ok: false,
      errorType: 'Error',
      errorMessage: 'boom',
      durationMs: 1,
      coldStart: false,
    });
    await expect(provider.create(resource({}), cloud)).rejects.toThrow(
      'never answered on its ResponseURL (Error: boom)',
    );
  });
});
