import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../../core/protocol';
import type { LambdaEngine } from '../LambdaEngine';
import { deployFixtures } from '../testing/deployFixtures';

let engine: LambdaEngine;
beforeAll(async () => {
  ({ engine } = await deployFixtures([
    {
      name: 'echo',
      source:
        'export const handler = async (e) => { console.log("echoing"); if (e.fail) throw new RangeError("bad"); return e; };',
    },
  ]));
});
afterAll(() => engine.stop());

const request = (name: string, body: string, headers: Record<string, string> = {}): AwsRequest => ({
  service: 'lambda',
  protocol: 'rest',
  action: '',
  method: 'POST',
  path: `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
  query: new URLSearchParams(),
  headers,
  body: Buffer.from(body),
  http2: false,
});

describe('Lambda Invoke API', () => {
  it('accepts only the invocations path', () => {
    const api = engine.api();

    expect(api.services).toEqual(['lambda']);
    expect(api.accepts?.(request('echo', ''))).toBe(true);
    expect(api.accepts?.({ ...request('echo', ''), path: '/2015-03-31/functions/echo' })).toBe(false);
  });

  it('answers a RequestResponse invocation with the result, the version and the log tail', async () => {
    const response = await engine.api().handle(
      request('arn:aws:lambda:eu-west-1:000000000000:function:echo', '{"a":1}', {
        'x-amz-log-type': 'Tail',
      }),
    );

    expect(response.status).toBe(200);
    expect(response.body).toBe('{"a":1}');
    expect(response.headers).toMatchObject({ 'x-amz-executed-version': '$LATEST' });
    expect(response.headers?.['x-amz-function-error']).toBeUndefined();
    const tail = Buffer.from(response.headers?.['x-amz-log-result'] ?? '', 'base64').toString();
    expect(tail).toMatch(
      /START RequestId: [\s\S]*\tINFO\techoing[\s\S]*END RequestId: [\s\S]*REPORT RequestId: /,
    );
  });

  it('marks a function error with x-amz-function-error: Unhandled and returns the serialised error', async () => {
    const response = await engine.api().handle(request('echo', '{"fail":true}'));

    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'x-amz-function-error': 'Unhandled' });
    expect(JSON.parse(String(response.body))).toMatchObject({ errorType: 'RangeError', errorMessage: 'bad' });
  });

  it('queues an Event invocation with 202 and checks a DryRun with 204', async () => {
    const event = await engine.api().handle(request('echo', '{}', { 'x-amz-invocation-type': 'Event' }));
    const dryRun = await engine.api().handle(request('echo', '{}', { 'x-amz-invocation-type': 'DryRun' }));
    await engine.settled();

    expect(event.status).toBe(202);
    expect(event.headers?.['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(dryRun.status).toBe(204);
  });

  it('rejects an unknown function with ResourceNotFoundException and a non-JSON payload with 400', async () => {
    await expect(engine.api().handle(request('nope', '{}'))).rejects.toMatchObject({
      status: 404,
      code: 'ResourceNotFoundException',
    });
    await expect(engine.api().handle(request('echo', 'not json'))).rejects.toMatchObject({
      status: 400,
      code: 'InvalidRequestContentException',
    });
  });
});
