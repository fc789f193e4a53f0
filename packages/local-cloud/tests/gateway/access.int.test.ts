import { request as httpRequest } from 'node:http';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { controlRoutes } from '../../src/control/routes';
import type { AwsApi, AwsRequest } from '../../src/core/protocol';
import { Gateway } from '../../src/gateway';

/**
 * The AWS endpoint as a web page in the developer's browser would reach it: cross-origin form posts, fetches
 * from another origin and a page on a rebound DNS name must all be refused before any API or control route runs.
 */

const served: AwsRequest[] = [];
const minted: string[] = [];

const sns: AwsApi = {
  services: ['sns'],
  handle: async (request) => {
    served.push(request);
    return {
      status: 200,
      body: '<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListTopicsResult><Topics><member><TopicArn>arn:aws:sns:eu-west-1:000000000000:alarms</TopicArn></member></Topics></ListTopicsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListTopicsResponse>',
    };
  },
};

const routes = controlRoutes({
  mintToken: async (user) => {
    minted.push(user);
    return `token-for-${user}`;
  },
  invoke: async () => ({ ok: true }),
  tail: () => () => {},
  queues: () => [],
  redrive: async () => ({}),
  executions: () => [],
  schedules: () => [],
  runSchedule: async () => {},
  alarms: () => [],
  setModelFaults: () => ({}),
  modelRequests: () => [],
  settle: async () => ({ settled: true }),
  functions: () => [],
  s3: () => [],
  iamDenials: () => ({ mode: 'off', denials: [] }),
  iamCredentials: () => undefined,
});

const APP = 'http://localhost:5173';
const gateway = new Gateway({
  host: '127.0.0.1',
  port: 0,
  apis: [sns],
  routes,
  allowedOrigins: [APP],
  allowedHosts: ['spendwise.test'],
});
let port: number;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP/1.1 request, so Host, Origin and Sec-Fetch-* are exactly what a browser would send. */
const send = (method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const LIST_TOPICS = 'Action=ListTopics&Version=2010-03-31';
const JSON_TYPE = { 'content-type': 'application/json' };

beforeAll(async () => {
  port = Number(new URL(await gateway.start()).port);
});
afterAll(() => gateway.stop());

describe('the AWS endpoint refuses web pages', () => {
  it('refuses an unsigned cross-origin SNS form post with a query-protocol 403, without listing the topics', async () => {
    const before = served.length;

    const answer = await send('POST', '/', { ...FORM, origin: 'http://evil.example' }, LIST_TOPICS);

    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toBe('text/xml');
    expect(answer.body).toContain('<Code>ForbiddenOrigin</Code>');
    expect(answer.body).not.toContain('arn:aws:sns');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(served).toHaveLength(before);
  });

  it('refuses a control API call from another origin: no token is minted', async () => {
    const answer = await send(
      'POST',
      '/_local/token',
      { ...JSON_TYPE, origin: 'http://evil.example' },
      JSON.stringify({ user: 'mallory' }),
    );

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'ForbiddenOrigin', message: expect.any(String) });
    expect(answer.headers['x-amzn-errortype']).toBe('ForbiddenOrigin');
    expect(minted).not.toContain('mallory');
  });

  it('refuses the opaque origin of a sandboxed frame or a file', async () => {
    const answer = await send('POST', '/', { ...FORM, origin: 'null' }, LIST_TOPICS);

    expect(answer.status).toBe(403);
  });

  it('refuses a request another site starts without an Origin (an image, a link)', async () => {
    const answer = await send('GET', '/_local/health', { 'sec-fetch-site': 'cross-site' });

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'ForbiddenOrigin' });
  });

  it('refuses a page on a rebound DNS name (DNS rebinding): its Host is not the endpoint', async () => {
    const answer = await send(
      'POST',
      '/_local/token',
      { ...JSON_TYPE, host: `evil.example:${port}` },
      JSON.stringify({ user: 'mallory' }),
    );

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'ForbiddenHost' });
    expect(minted).not.toContain('mallory');
  });

  it('refuses the right name on another port, as a proxy in front of it would send', async () => {
    const answer = await send('GET', '/_local/health', { host: `127.0.0.1:${port + 1}` });

    expect(answer.status).toBe(403);
  });

  it('refuses a form post to the control API even from the endpoint itself (415)', async () => {
    const answer = await send('POST', '/_local/token', FORM, 'user=mallory');

    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'UnsupportedMediaType' });
    expect(minted).not.toContain('mallory');
  });
});

describe('the AWS endpoint still serves its clients', () => {
  it('serves an SDK client, which sends no Origin and names the endpoint by its address', async () => {
    const client = new SNSClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

    const answer = await client.send(new ListTopicsCommand({}));

    expect(answer.Topics).toEqual([{ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:alarms' }]);
    client.destroy();
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('accepts the loopback name %s with the port', async (name) => {
    const answer = await send('GET', '/_local/health', { host: `${name}:${port}` });

    expect(answer.status).toBe(200);
  });

  it('accepts a configured host name', async () => {
    const answer = await send('GET', '/_local/health', { host: `spendwise.test:${port}` });

    expect(answer.status).toBe(200);
  });

  it('serves a JSON control call as the CLI sends it, and one a user types in the address bar', async () => {
    const token = await send('POST', '/_local/token', JSON_TYPE, JSON.stringify({ user: 'alice' }));
    const typed = await send('GET', '/_local/health', { 'sec-fetch-site': 'none' });

    expect(token.status).toBe(200);
    expect(JSON.parse(token.body)).toEqual({ token: 'token-for-alice' });
    expect(typed.status).toBe(200);
  });

  it('lets an allowed local app origin call and read the answer (CORS), preflight included', async () => {
    const preflight = await send('OPTIONS', '/_local/token', {
      origin: APP,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    const answer = await send(
      'POST',
      '/_local/token',
      { ...JSON_TYPE, origin: APP, 'sec-fetch-site': 'same-site' },
      JSON.stringify({ user: 'app-user' }),
    );

    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(APP);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    expect(minted).toContain('app-user');
  });
});
