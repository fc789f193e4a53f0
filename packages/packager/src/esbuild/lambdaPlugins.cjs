/**
 * esbuild plugins of every Spendwise function bundle, loaded by serverless-esbuild from each service's
 * `custom.esbuild.plugins` (a path relative to the service: `../../packages/packager/src/esbuild/lambdaPlugins.cjs`).
 * CommonJS because serverless-esbuild `require`s the file.
 *
 * `trimAwsSdk` replaces two parts of the AWS SDK v3 that the functions bundle but never run
 * (docs/adr/0019-x-ray-off-the-init-path.md):
 *  - `@smithy/core/event-streams`: the event-stream codec and marshallers (~15 KB minified). No function calls an
 *    event-stream operation (ConverseStream, SelectObjectContent, SubscribeToShard…); clients still construct,
 *    and such an operation fails with a clear error instead of running.
 *  - the SSO bearer-token provider of `@aws-sdk/token-providers` (with the SSO OIDC client it imports, ~17 KB),
 *    which the Bedrock runtime client pulls in for API-key auth. The functions sign with SigV4 and the credentials
 *    Lambda sets; the environment token (`AWS_BEARER_TOKEN_BEDROCK`, `fromEnvSigningName`) is kept as it is.
 */
const { existsSync } = require('node:fs');
const { rm } = require('node:fs/promises');
const path = require('node:path');

const NAMESPACE = 'spendwise-trimmed';
const WHY = 'is trimmed from Spendwise function bundles (packages/packager/src/esbuild/lambdaPlugins.cjs)';

/** Every export of @smithy/core/event-streams: the config resolver and provider work, the rest throw when used. */
const EVENT_STREAMS_STUB = `
const trimmed = (name) => { throw new Error('AWS SDK event streams (' + name + ') ${WHY}'); };
// Clients construct codecs and marshallers up front (the Bedrock runtime client does): constructing works, any use
// of the instance, or a plain call, throws.
const refuse = (name) =>
  function () {
    if (new.target) return new Proxy({}, { get: (_, key) => (key === 'then' ? undefined : () => trimmed(name)) });
    trimmed(name);
  };
export const eventStreamSerdeProvider = () => ({
  serialize: () => trimmed('serialize'),
  deserialize: () => trimmed('deserialize'),
});
export const universalEventStreamSerdeProvider = eventStreamSerdeProvider;
export const resolveEventStreamSerdeConfig = (input) =>
  Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });
export const EventStreamCodec = refuse('EventStreamCodec');
export const HeaderMarshaller = refuse('HeaderMarshaller');
export const Int64 = refuse('Int64');
export const MessageDecoderStream = refuse('MessageDecoderStream');
export const MessageEncoderStream = refuse('MessageEncoderStream');
export const SmithyMessageDecoderStream = refuse('SmithyMessageDecoderStream');
export const SmithyMessageEncoderStream = refuse('SmithyMessageEncoderStream');
export const EventStreamMarshaller = refuse('EventStreamMarshaller');
export const UniversalEventStreamMarshaller = refuse('UniversalEventStreamMarshaller');
export const EventStreamSerde = refuse('EventStreamSerde');
export const readableStreamToIterable = refuse('readableStreamToIterable');
export const iterableToReadableStream = refuse('iterableToReadableStream');
export const getChunkedStream = refuse('getChunkedStream');
export const getUnmarshalledStream = refuse('getUnmarshalledStream');
export const getMessageUnmarshaller = refuse('getMessageUnmarshaller');
`;

/** @aws-sdk/token-providers without SSO: the environment and static tokens as published, SSO refusing. */
const tokenProvidersStub = (packageDir) => `
export { fromEnvSigningName } from ${JSON.stringify(path.join(packageDir, 'fromEnvSigningName.js'))};
export { fromStatic } from ${JSON.stringify(path.join(packageDir, 'fromStatic.js'))};
const noSso = () => async () => {
  const error = new Error('SSO bearer tokens ${WHY}');
  error.name = 'TokenProviderError';
  error.tryNextLink = false;
  throw error;
};
export const fromSso = noSso;
export const nodeProvider = noSso;
`;

/** @type {import('esbuild').Plugin} */
const trimAwsSdk = {
  name: 'spendwise-trim-aws-sdk',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, () => ({
      path: 'event-streams',
      namespace: NAMESPACE,
    }));
    build.onResolve({ filter: /^@aws-sdk\/token-providers$/ }, async (args) => {
      if (args.pluginData === NAMESPACE) return undefined;
      const real = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: NAMESPACE,
      });
      if (real.errors.length > 0) return { errors: real.errors };
      const packageDir = path.dirname(real.path);
      // Only the ES build has one file per provider; anything else is bundled as published.
      if (!existsSync(path.join(packageDir, 'fromEnvSigningName.js'))) return { path: real.path };
      return { path: 'token-providers', namespace: NAMESPACE, pluginData: packageDir };
    });
    build.onLoad({ filter: /^event-streams$/, namespace: NAMESPACE }, () => ({
      contents: EVENT_STREAMS_STUB,
      loader: 'js',
    }));
    build.onLoad({ filter: /^token-providers$/, namespace: NAMESPACE }, (args) => ({
      contents: tokenProvidersStub(args.pluginData),
      loader: 'js',
      resolveDir: args.pluginData,
    }));
  },
};

/** Node's own modules (`http`, `node:fs/promises`…), with and without the `node:` prefix. */
const BUILTINS = new Set(require('node:module').builtinModules.map((name) => name.replace(/^node:/, '')));
const BUILTIN_NAMESPACE = 'spendwise-builtin';

/**
 * `builtinsThroughRequire` loads Node's own modules with `require` where the bundled code imports them as ES
 * modules, statically or with `import()`. Node builds the ES module view of a built-in by reading every one of
 * its exports, lazy getters included, so `import { Agent } from 'http'` (or the AWS SDK's lazy
 * `await import('node:http')`) loads undici for `http.WebSocket` (15–30 ms of a cold start), and `crypto`'s Web
 * Crypto, none of which a function uses. Through `require` the bundle reads only the exports it names: esbuild's
 * interop defines each as a getter, and `default` is the module itself, as in Node's ES view. The `require` is
 * the one the bundle's banner creates (`createRequire(import.meta.url)`).
 */
const builtinsThroughRequire = {
  name: 'spendwise-builtins-through-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_0-9/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!BUILTINS.has(name)) return undefined;
      // require() calls (the one below included) are left to esbuild, which keeps built-ins external.
      if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return undefined;
      return { path: `node:${name}`, namespace: BUILTIN_NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: BUILTIN_NAMESPACE }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * `lazyChunksBesideTheEntry` keeps code that a function loads with `import()` out of the file Node parses at init
 * (docs/adr/0033-lazy-code-in-its-own-chunk.md). Without code splitting esbuild inlines a dynamic import's module
 * into the entry bundle behind a lazy initialiser: it then runs late, but V8 still reads and compiles its bytes at
 * every cold start. The X-Ray SDK under the Powertools Tracer (~120 KB, `packages/lambda-kit/src/tracing.ts`) is
 * loaded that way, on the first sampled invocation only.
 *
 * The plugin turns on esbuild's `splitting` for a single-entry ES module build with an `outdir` (what
 * serverless-esbuild runs, once per handler file) and names the chunks after the entry:
 * `src/functions/x/handler.mjs` gets `handler.<chunk>-<hash>.mjs` beside it. serverless-esbuild zips every file of
 * its build folder into each function's zip except the other functions' entries and the files named after them
 * (`<entry>.…`), so each chunk lands in its own function's zip and in no other. Any other build is left as it is.
 */
const lazyChunksBesideTheEntry = {
  name: 'spendwise-lazy-chunks-beside-the-entry',
  setup(build) {
    const options = build.initialOptions;
    const entryPoints = Array.isArray(options.entryPoints)
      ? options.entryPoints
      : Object.values(options.entryPoints ?? {});
    if (options.format !== 'esm' || !options.outdir || options.stdin || entryPoints.length !== 1) return;
    const entry = typeof entryPoints[0] === 'string' ? entryPoints[0] : entryPoints[0].in;
    options.splitting = true;
    options.chunkNames = `${path.basename(entry, path.extname(entry))}.[name]-[hash]`;
    options.metafile = true;
    // esbuild writes a chunk for every import() it saw, also one inside code it then left out (the AWS SDK's
    // browser user-agent parser imports bowser that way): a chunk nothing imports is deleted from the output.
    build.onEnd(async (result) => {
      if (!result.metafile || result.errors.length > 0) return;
      const cwd = options.absWorkingDir ?? process.cwd();
      const outputs = result.metafile.outputs;
      // The entry's output; an import()'s chunk names the imported module as its entryPoint.
      const reached = new Set(
        Object.keys(outputs).filter(
          (file) => path.resolve(cwd, outputs[file].entryPoint ?? '') === path.resolve(cwd, entry),
        ),
      );
      if (reached.size === 0) return;
      const queue = [...reached];
      while (queue.length > 0) {
        for (const imported of outputs[queue.pop()].imports) {
          if (imported.external || !(imported.path in outputs) || reached.has(imported.path)) continue;
          reached.add(imported.path);
          queue.push(imported.path);
        }
      }
      // Code files only; a source map goes with its file.
      const unreached = Object.keys(outputs).filter((file) => /\.[cm]?js$/.test(file) && !reached.has(file));
      await Promise.all(
        unreached
          .flatMap((file) => [file, `${file}.map`])
          .map(async (file) => {
            await rm(path.resolve(cwd, file), { force: true });
            delete outputs[file];
          }),
      );
    });
  },
};

module.exports = [trimAwsSdk, builtinsThroughRequire, lazyChunksBesideTheEntry];
module.exports.trimAwsSdk = trimAwsSdk;
module.exports.builtinsThroughRequire = builtinsThroughRequire;
module.exports.lazyChunksBesideTheEntry = lazyChunksBesideTheEntry;
