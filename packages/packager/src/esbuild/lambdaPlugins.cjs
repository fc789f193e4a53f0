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

module.exports = [trimAwsSdk, builtinsThroughRequire];
module.exports.trimAwsSdk = trimAwsSdk;
module.exports.builtinsThroughRequire = builtinsThroughRequire;
