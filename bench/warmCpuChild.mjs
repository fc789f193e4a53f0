/**
 * The process bench:warm-cpu runs a function in (bench/warm-cpu.ts): imports the handler, invokes it with the
 * warm-up batches, then with each measured batch, measuring its own CPU (`process.cpuUsage()`, user + system)
 * and wall time around each invocation only. Between invocations it asks the fake AWS endpoint how many calls it
 * has answered (outside the measured windows), and, on a sampled trace, gives each invocation its own trace id as
 * Lambda does. Writes `{ batches, windows }` as JSON to the report file; the windows (monotonic microseconds, the
 * clock of V8's CPU profiles) let a --cpu-prof profile be cut to the measured invocations.
 *
 * node warmCpuChild.mjs <module URL> <export> <batches file> <report file>
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';

const [, , moduleUrl, exportName, batchesFile, reportFile] = process.argv;
const { warmUp, measured, context, callsUrl } = JSON.parse(readFileSync(batchesFile, 'utf8'));
const handler = (await import(moduleUrl))[exportName];

const callsSoFar = () =>
  new Promise((resolve, reject) => {
    get(callsUrl, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(Number(body)));
    }).on('error', reject);
  });

const sampled = /Sampled=1/.test(process.env._X_AMZN_TRACE_ID ?? '');
const newTrace = () => {
  if (!process.env._X_AMZN_TRACE_ID) return;
  const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=${sampled ? 1 : 0}`;
};

const outcomeOf = (result) =>
  result?.batchItemFailures !== undefined
    ? `${result.batchItemFailures.length} failed record(s)`
    : `returned ${JSON.stringify(result ?? null).slice(0, 60)}`;

/** A new request id for each invocation, as Lambda gives. */
const contextOf = () => ({ ...context, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 10_000 });

const invoke = async (event, invocationContext) => {
  try {
    return outcomeOf(await handler(event, invocationContext));
  } catch (error) {
    return `threw ${error?.name ?? 'error'}: ${String(error?.message ?? error).slice(0, 80)}`;
  }
};

for (const event of warmUp) {
  newTrace();
  await invoke(event, contextOf());
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const batches = [];
const windows = [];
for (const event of measured) {
  newTrace();
  const invocationContext = contextOf();
  const callsBefore = await callsSoFar();
  const startUs = monotonicUs();
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const outcome = await invoke(event, invocationContext);
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  windows.push([startUs, monotonicUs()]);
  const calls = (await callsSoFar()) - callsBefore;
  batches.push({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, calls, outcome });
}
writeFileSync(reportFile, JSON.stringify({ batches, windows }));
process.exit(0);
