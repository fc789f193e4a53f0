// The bootstrap of one Lambda execution environment (a worker thread). Plain JavaScript on purpose: it must
// load under plain node, under tsx and under jest alike, and it must not drag a TypeScript loader into every
// worker (Lambda has none either). Protocol with ExecutionEnvironment.ts:
//   worker → parent  { type: 'ready', initDurationMs } | { type: 'initError', error }
//   parent → worker  { type: 'invoke', id, eventJson, context }
//   worker → parent  { type: 'result', id, ok, resultJson | error, memoryUsedMb }
// After each invocation the worker writes SENTINEL + id on stdout and stderr, so the parent knows every line
// the invocation printed has arrived before it writes END and REPORT.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';

const SENTINEL = '\u001eLOCAL_CLOUD_INVOCATION_END ';
const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };

/** The request being served, for the console prefix and for errors thrown outside the handler's promise. */
let current;
let handler;

// Like the Lambda Node.js runtime's text log format: one line per console call, newlines folded to \r.
for (const [method, level] of Object.entries(LEVELS)) {
  console[method] = (...args) => {
    const message = format(...args).replaceAll('\n', '\r');
    process.stdout.write(
      `${new Date().toISOString()}\t${current?.id ?? 'undefined'}\t${level}\t${message}\n`,
    );
  };
}

/** Lambda's error shape: `errorType`, `errorMessage`, `trace` (stack lines). */
const serialiseError = (error, fallbackType) => {
  if (error instanceof Error) {
    return {
      errorType: fallbackType ?? (error.name || error.constructor?.name || 'Error'),
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: fallbackType ?? typeof error, errorMessage: String(error), trace: [] };
};

const memoryUsedMb = () => Math.ceil(getHeapStatistics().total_heap_size / 1048576);

const traceId = () => {
  const seconds = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
};

const finish = (id, response) => {
  if (current?.id !== id) return;
  current = undefined;
  process.stdout.write(`${SENTINEL}${id}\n`);
  process.stderr.write(`${SENTINEL}${id}\n`);
  parentPort.postMessage({ type: 'result', id, ...response, memoryUsedMb: memoryUsedMb() });
};

const fail = (id, error, fallbackType) => {
  const serialised = serialiseError(error, fallbackType);
  console.error(`Invoke Error \t${JSON.stringify(serialised)}`);
  finish(id, { ok: false, error: serialised });
};

/** Errors that escape the handler end the environment, as they end the Lambda runtime process. */
process.on('uncaughtException', (error) => {
  if (current) fail(current.id, error);
  else if (!handler) parentPort.postMessage({ type: 'initError', error: serialiseError(error) });
  process.exit(129);
});
process.on('unhandledRejection', (reason) => {
  const error = new Error(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
  if (current) fail(current.id, error, 'Runtime.UnhandledPromiseRejection');
  process.exit(128);
});

const resolveExport = (module, path) => {
  let value = module;
  for (const key of path) value = value?.[key];
  if (value === undefined && module.default) {
    value = module.default;
    for (const key of path) value = value?.[key];
  }
  return value;
};

const importError = (error) => {
  const missing = error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'MODULE_NOT_FOUND';
  if (error instanceof SyntaxError) return serialiseError(error, 'Runtime.UserCodeSyntaxError');
  return serialiseError(error, missing ? 'Runtime.ImportModuleError' : undefined);
};

async function init() {
  const started = performance.now();
  let module;
  try {
    module = await import(pathToFileURL(workerData.modulePath).href);
  } catch (error) {
    parentPort.postMessage({ type: 'initError', error: importError(error) });
    return;
  }
  const found = resolveExport(module, workerData.exportPath);
  if (typeof found !== 'function') {
    const message = `${workerData.handler} is undefined or not exported`;
    parentPort.postMessage({
      type: 'initError',
      error: serialiseError(new Error(message), 'Runtime.HandlerNotFound'),
    });
    return;
  }
  handler = found;
  const callbackStyle = found.length >= 3 && found.constructor.name !== 'AsyncFunction';
  parentPort.postMessage({ type: 'ready', initDurationMs: performance.now() - started, callbackStyle });
}

const isThenable = (value) => value !== null && typeof value === 'object' && typeof value.then === 'function';

/**
 * Async handlers settle with their promise; callback-style handlers (three parameters) with their callback.
 * A synchronous two-parameter handler answers null, as the Lambda runtime does once its event loop drains.
 */
const callHandler = (event, context) =>
  new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    const returned = handler(event, context, callback);
    if (isThenable(returned)) returned.then(resolve, reject);
    else if (handler.length < 3) resolve(null);
  });

const contextOf = (c) => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: c.functionName,
  functionVersion: c.functionVersion,
  invokedFunctionArn: c.invokedFunctionArn,
  memoryLimitInMB: c.memoryLimitInMB,
  awsRequestId: c.awsRequestId,
  logGroupName: c.logGroupName,
  logStreamName: c.logStreamName,
  getRemainingTimeInMillis: () => Math.max(0, c.deadlineMs - Date.now()),
});

async function invoke({ id, eventJson, context }) {
  current = { id };
  process.env._X_AMZN_TRACE_ID = traceId();
  let result;
  try {
    result = await callHandler(JSON.parse(eventJson), contextOf(context));
  } catch (error) {
    fail(id, error);
    return;
  }
  let resultJson;
  try {
    resultJson = JSON.stringify(result === undefined ? null : result);
  } catch (error) {
    fail(id, error, 'Runtime.MarshalError');
    return;
  }
  finish(id, { ok: true, resultJson });
}

parentPort.on('message', (message) => {
  if (message?.type === 'invoke') void invoke(message);
});

await init();
