import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttp2Server, type Http2Server, type ServerHttp2Session } from 'node:http2';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { build, type Plugin } from 'esbuild';

const plugins = createRequire(import.meta.url)('../../src/esbuild/lambdaPlugins.cjs') as Plugin[];
const root = fileURLToPath(new URL('../../../../', import.meta.url));
// Where the clients are installed: the bundles resolve them as the services' bundles do.
const insightsDir = join(root, 'services', 'insights');

/** The calls the fake AWS endpoint received: path, target and authorization scheme. */
interface Call {
  url: string;
  target: string;
  authorization: string;
}

let server: Server;
let endpoint: string;
// The Bedrock runtime client talks HTTP/2 (h2c to a plain http:// endpoint).
let bedrockServer: Http2Server;
let bedrockEndpoint: string;
const sessions = new Set<ServerHttp2Session>();
let work: string;
const calls: Call[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'spendwise-lambda-plugins-'));
  const record = (req: Pick<IncomingMessage, 'url' | 'headers'>) =>
    calls.push({
      url: req.url ?? '',
      target: String(req.headers['x-amz-target'] ?? ''),
      authorization: String(req.headers.authorization ?? '').split(' ')[0]!,
    });
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      record(req);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ Item: { id: { S: 'x' } } }));
    });
  });
  bedrockServer = createHttp2Server((req, res) => {
    req.resume();
    req.on('end', () => {
      record(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          output: { message: { role: 'assistant', content: [{ text: 'hello' }] } },
          stopReason: 'end_turn',
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        }),
      );
    });
  });
  bedrockServer.on('session', (session) => sessions.add(session));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => bedrockServer.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bedrockEndpoint = `http://127.0.0.1:${(bedrockServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  for (const session of sessions) session.destroy();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => bedrockServer.close(resolve));
  await rm(work, { recursive: true, force: true });
});

afterEach(() => {
  calls.length = 0;
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
});

const SOURCE = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
const options = (endpoint) => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});
export const getItem = (endpoint) =>
  new DynamoDBClient(options(endpoint)).send(new GetItemCommand({ TableName: 't', Key: { id: { S: 'x' } } }));
const message = { modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] };
export const converse = (endpoint) => new BedrockRuntimeClient(options(endpoint)).send(new ConverseCommand(message));
export const converseStream = (endpoint) =>
  new BedrockRuntimeClient(options(endpoint)).send(new ConverseStreamCommand(message));
`;

/** Bundles SOURCE as the services' serverless-esbuild settings do, with or without the plugins. */
async function bundle(name: string, withPlugins: boolean) {
  const outfile = join(work, `${name}.mjs`);
  const result = await build({
    stdin: { contents: SOURCE, resolveDir: insightsDir, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile,
    metafile: true,
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins: withPlugins ? plugins : [],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const bytes = Object.values(result.metafile.outputs)[0]!.bytes;
  const module = (await import(pathToFileURL(outfile).href)) as Record<
    string,
    (endpoint: string) => Promise<unknown>
  >;
  return { inputs, bytes, module };
}

describe('trimAwsSdk', () => {
  let trimmed: Awaited<ReturnType<typeof bundle>>;
  let full: Awaited<ReturnType<typeof bundle>>;
  beforeAll(async () => {
    [trimmed, full] = await Promise.all([bundle('trimmed', true), bundle('full', false)]);
  });

  it('leaves the event-stream code and the SSO OIDC client out of the bundle', () => {
    const unwanted = (inputs: string[]) =>
      inputs.filter((input) =>
        /event-streams\/|nested-clients\/.*sso-oidc|token-providers\/.*fromSso/.test(input),
      );

    expect(unwanted(full.inputs).length).toBeGreaterThan(0);
    expect(unwanted(trimmed.inputs)).toEqual([]);
    expect(trimmed.bytes).toBeLessThan(full.bytes - 20 * 1024);
  });

  it('keeps DynamoDB calls working', async () => {
    const output = (await trimmed.module.getItem!(endpoint)) as { Item?: unknown };

    expect(output.Item).toEqual({ id: { S: 'x' } });
    expect(calls).toEqual([
      { url: '/', target: 'DynamoDB_20120810.GetItem', authorization: 'AWS4-HMAC-SHA256' },
    ]);
  });

  it('keeps Bedrock Converse working, signed with SigV4', async () => {
    const output = (await trimmed.module.converse!(bedrockEndpoint)) as { stopReason?: string };

    expect(output.stopReason).toBe('end_turn');
    expect(calls.map((call) => call.authorization)).toEqual(['AWS4-HMAC-SHA256']);
  });

  it('keeps the bearer token from the environment', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'token-from-env';

    await trimmed.module.converse!(bedrockEndpoint);

    expect(calls.map((call) => call.authorization)).toEqual(['Bearer']);
  });

  it('refuses an event-stream operation with a clear error', async () => {
    await expect(trimmed.module.converseStream!(bedrockEndpoint)).rejects.toThrow(
      /trimmed from Spendwise function bundles/,
    );
  });
});
