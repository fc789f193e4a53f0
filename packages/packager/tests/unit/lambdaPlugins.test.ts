import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttp2Server, type Http2Server, type ServerHttp2Session } from 'node:http2';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
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
const bedrockSockets = new Set<Socket>();
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
  bedrockServer.on('connection', (socket: Socket) => bedrockSockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => bedrockServer.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bedrockEndpoint = `http://127.0.0.1:${(bedrockServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  for (const session of sessions) session.destroy();
  await new Promise((resolve) => server.close(resolve));
  // The close waits for every connection, also one a client opened without starting a session (the refused
  // event-stream call may connect after it failed).
  await new Promise((resolve) => {
    bedrockServer.close(resolve);
    for (const socket of bedrockSockets) socket.destroy();
  });
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
async function bundle(name: string, withPlugins: boolean, source = SOURCE, load = true) {
  const outfile = join(work, `${name}.mjs`);
  const result = await build({
    stdin: { contents: source, resolveDir: insightsDir, loader: 'js' },
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
  const module = (load ? await import(pathToFileURL(outfile).href) : {}) as Record<
    string,
    (endpoint: string) => Promise<unknown>
  >;
  return { inputs, bytes, module, outfile };
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

describe('builtinsThroughRequire', () => {
  // What the functions' dependencies do: ES imports of Node's own modules, named, namespace and dynamic (the AWS
  // SDK's HTTP handler loads node:http with import() when it first sends).
  const BUILTINS_SOURCE = `
import { Agent } from 'node:http';
import * as https from 'https';
import { createHash } from 'crypto';
import { readFile } from 'node:fs/promises';
export const digest = (text) => createHash('sha256').update(text).digest('hex');
export const agents = () => [new Agent({ keepAlive: true }) instanceof Agent, typeof https.request];
export const read = (path) => readFile(path, 'utf8');
export const lazily = async () => {
  const http = await import('node:http');
  const { Agent } = http.default ?? http;
  return [typeof Agent, typeof http.request, typeof (await import('async_hooks')).AsyncLocalStorage];
};
`;
  let through: Awaited<ReturnType<typeof bundle>>;
  let imported: Awaited<ReturnType<typeof bundle>>;
  beforeAll(async () => {
    [through, imported] = await Promise.all([
      bundle('builtins-through-require', true, BUILTINS_SOURCE, false),
      bundle('builtins-imported', false, BUILTINS_SOURCE, false),
    ]);
  });

  /** The specifiers of a bundle's ES imports (`from"…"`, `import("…")`), the banner's node:module left out. */
  const esImports = async (file: string) =>
    [...(await readFile(file, 'utf8')).matchAll(/\b(?:from\s*|import\()["']([^"']+)["']/g)]
      .map((match) => match[1])
      .filter((specifier) => specifier !== 'node:module');

  /**
   * Imports a bundle in a fresh process and prints the JSON of `then`, evaluated there with the module as `m`
   * and `loaded()`, the internal modules Node loaded since before the import.
   */
  const inFreshProcess = async (file: string, then: string) => {
    const script = `const before = new Set(process.moduleLoadList);
const loaded = () => process.moduleLoadList.filter((name) => !before.has(name));
const m = await import(${JSON.stringify(pathToFileURL(file).href)});
console.log(JSON.stringify(${then}));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    return JSON.parse(stdout);
  };
  /** The internal modules Node loads while importing a bundle and running its dynamic imports. */
  const modulesLoadedBy = async (file: string): Promise<string[]> =>
    inFreshProcess(file, '(await m.lazily(), loaded())');

  it('leaves no ES import of a Node built-in in the bundle, static or dynamic', async () => {
    expect(await esImports(imported.outfile)).toEqual(
      expect.arrayContaining(['node:http', 'https', 'crypto', 'node:fs/promises', 'async_hooks']),
    );
    expect(await esImports(through.outfile)).toEqual([]);
    // The AWS SDK bundle of the trimAwsSdk tests above, built with every plugin.
    expect(await esImports(join(work, 'trimmed.mjs'))).toEqual([]);
  });

  it('does not load what the built-ins only expose through lazy getters (undici for http.WebSocket)', async () => {
    const [withPlugin, withoutPlugin] = await Promise.all([
      modulesLoadedBy(through.outfile),
      modulesLoadedBy(imported.outfile),
    ]);

    expect(withoutPlugin.filter((m) => m.includes('undici'))).not.toEqual([]);
    expect(withPlugin.filter((m) => m.includes('undici'))).toEqual([]);
    expect(withPlugin.length).toBeLessThan(withoutPlugin.length);
  });

  it('keeps named, namespace and dynamic imports of built-ins working', async () => {
    const results = await inFreshProcess(
      through.outfile,
      `[m.digest('spendwise'), m.agents(), (await m.read(${JSON.stringify(through.outfile)})).includes('createRequire'), await m.lazily()]`,
    );

    expect(results).toEqual([
      createHash('sha256').update('spendwise').digest('hex'),
      [true, 'function'],
      true,
      ['function', 'function', 'function'],
    ]);
  });
});

describe('lazyChunksBesideTheEntry', () => {
  // A handler file as serverless-esbuild builds it: one entry, an outdir, ES modules, the services' settings. It
  // loads the Powertools Tracer (and the X-Ray SDK under it) with import(), as lambda-kit's LazyTracer does.
  const TRACED_SOURCE = `
import { LazyTracer } from ${JSON.stringify(join(root, 'packages', 'lambda-kit', 'src', 'tracing.ts'))};
const tracer = new LazyTracer({ serviceName: 'spendwise-test', isSampled: () => true });
export const handler = async () => typeof (await tracer.load()).captureAWSv3Client;
// An import() inside code the bundle leaves out, as in the AWS SDK's browser user-agent parser.
const neverCalled = () => import('./unused.js');
`;

  /** Builds the traced handler into its own outdir; returns the metafile's outputs by file name. */
  async function buildHandler(name: string, withPlugins: boolean) {
    const entry = join(work, name, 'src', 'functions', 'traced', 'handler.ts');
    await mkdir(dirname(entry), { recursive: true });
    await writeFile(entry, TRACED_SOURCE);
    await writeFile(join(dirname(entry), 'unused.js'), 'export const unused = "left out";');
    const outdir = join(work, name, '.build', 'src', 'functions', 'traced');
    const result = await build({
      entryPoints: [entry],
      outdir,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      plugins: withPlugins ? plugins : [],
    });
    const outputs = Object.fromEntries(
      Object.entries(result.metafile.outputs).map(([file, output]) => [basename(file), output]),
    );
    return { outdir, outputs, written: (await readdir(outdir)).sort() };
  }

  const xray = (inputs: Record<string, unknown>) =>
    Object.keys(inputs).some((i) => i.includes('aws-xray-sdk-core'));

  let split: Awaited<ReturnType<typeof buildHandler>>;
  let whole: Awaited<ReturnType<typeof buildHandler>>;
  beforeAll(async () => {
    [split, whole] = await Promise.all([buildHandler('split', true), buildHandler('whole', false)]);
  });

  it('puts the dynamically imported X-Ray SDK in a chunk named after the entry, beside it', () => {
    const files = Object.keys(split.outputs);
    const entry = split.outputs['handler.mjs']!;

    expect(files).toContain('handler.mjs');
    expect(files.filter((file) => !/^handler\.[^/]+\.mjs$/.test(file) && file !== 'handler.mjs')).toEqual([]);
    expect(xray(entry.inputs)).toBe(false);
    // The chunk with the X-Ray SDK is reached from the entry only through import().
    const lazy = entry.imports.filter((i) => xray(split.outputs[basename(i.path)]?.inputs ?? {}));
    expect(lazy.map((i) => i.kind)).toEqual(['dynamic-import']);
    // Without the plugin, the entry carries it all.
    expect(Object.keys(whole.outputs)).toEqual(['handler.mjs']);
    expect(xray(whole.outputs['handler.mjs']!.inputs)).toBe(true);
    expect(entry.bytes).toBeLessThan(whole.outputs['handler.mjs']!.bytes - 80 * 1024);
  });

  it('deletes the chunk of an import() the bundle left out', () => {
    expect(Object.values(split.outputs).flatMap((output) => Object.keys(output.inputs))).not.toEqual(
      expect.arrayContaining([expect.stringContaining('unused.js')]),
    );
    expect(split.written).toEqual(Object.keys(split.outputs).sort());
    expect(split.written.some((file) => file.startsWith('handler.unused'))).toBe(false);
  });

  it('loads the chunk on the first call and the tracer works', async () => {
    const module = (await import(pathToFileURL(join(split.outdir, 'handler.mjs')).href)) as {
      handler: () => Promise<string>;
    };

    expect(await module.handler()).toBe('function');
  });
});
