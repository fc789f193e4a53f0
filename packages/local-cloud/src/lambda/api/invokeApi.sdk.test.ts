import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AwsApiError } from '../../core/errors';
import type { AwsApi } from '../../core/protocol';
import type { LambdaEngine } from '../LambdaEngine';
import { deployFixtures } from '../testing/deployFixtures';

let engine: LambdaEngine;
let server: Server;
let client: LambdaClient;

/** A stand-in for the shared endpoint: just enough REST plumbing to put the real SDK in front of the API. */
const serve = (api: AwsApi) =>
  createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request = {
      service: 'lambda',
      protocol: 'rest' as const,
      action: '',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
      http2: false,
    };
    try {
      const response = await api.handle(request);
      res.writeHead(response.status, response.headers).end(response.body as string | undefined);
    } catch (error) {
      const e = error as AwsApiError;
      res.writeHead(e.status, { 'x-amzn-errortype': e.code, 'content-type': 'application/json' });
      res.end(JSON.stringify({ Type: 'User', message: e.message }));
    }
  });

beforeAll(async () => {
  ({ engine } = await deployFixtures([
    {
      name: 'sdk',
      source:
        'export const handler = async (e) => { if (e.fail) throw new Error("no"); return { twice: e.n * 2 }; };',
    },
  ]));
  server = serve(engine.api()).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  client = new LambdaClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
  await engine.stop();
});

const decode = (payload?: Uint8Array) => JSON.parse(Buffer.from(payload ?? []).toString());

describe('Lambda Invoke API through the AWS SDK v3', () => {
  it('returns the payload, status and log tail the SDK expects', async () => {
    const output = await client.send(
      new InvokeCommand({ FunctionName: 'sdk', Payload: JSON.stringify({ n: 21 }), LogType: 'Tail' }),
    );

    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBeUndefined();
    expect(output.ExecutedVersion).toBe('$LATEST');
    expect(decode(output.Payload)).toEqual({ twice: 42 });
    expect(Buffer.from(output.LogResult ?? '', 'base64').toString()).toMatch(/REPORT RequestId:/);
  });

  it('surfaces a function error as FunctionError Unhandled', async () => {
    const output = await client.send(
      new InvokeCommand({ FunctionName: 'sdk', Payload: JSON.stringify({ fail: true }) }),
    );

    expect(output.FunctionError).toBe('Unhandled');
    expect(decode(output.Payload)).toMatchObject({ errorType: 'Error', errorMessage: 'no' });
  });

  it('answers an Event invocation with 202 and an unknown function with ResourceNotFoundException', async () => {
    const event = await client.send(
      new InvokeCommand({ FunctionName: 'sdk', InvocationType: 'Event', Payload: '{"n":1}' }),
    );
    await engine.settled();

    expect(event.StatusCode).toBe(202);
    await expect(client.send(new InvokeCommand({ FunctionName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
