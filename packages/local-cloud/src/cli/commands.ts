import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IAM_MODES, type IamMode } from '../iam/enforcement';
import { control, follow } from './control';
import { findRoot } from './root';
import { table } from './table';

export type Options = Record<string, string | boolean | string[] | undefined>;
/** A CLI command; resolves with the exit code, or -1 to keep the process running (start, tail). */
export type Command = (args: string[], options: Options) => Promise<number>;

const dataDir = () => join(findRoot(), '.local-cloud');
/** `--data-dir` when given (as `start` takes it), else the repository's `.local-cloud`. */
const dataDirOf = (options: Options) =>
  options['data-dir'] ? resolve(String(options['data-dir'])) : dataDir();
const print = (text: string) => process.stdout.write(`${text}\n`);

const start: Command = async (_args, options) => {
  const { runForeground } = await import('./start');
  await runForeground({
    rootDir: findRoot(),
    ...(options.port ? { awsPort: Number(options.port) } : {}),
    ...(options['api-port'] ? { apiBasePort: Number(options['api-port']) } : {}),
    ...(options.stage ? { stage: String(options.stage) } : {}),
    ...(options['data-dir'] ? { dataDir: resolve(String(options['data-dir'])) } : {}),
    ...(options['queue-time-scale'] ? { queueTimeScale: Number(options['queue-time-scale']) } : {}),
    ...(options['web-port'] ? { webPort: Number(options['web-port']) } : {}),
    ...(options['web-root'] ? { webRoot: resolve(String(options['web-root'])) } : {}),
    ...(options['waf-time-scale'] ? { wafTimeScale: Number(options['waf-time-scale']) } : {}),
    ...(options['stack-param']
      ? { stackParameters: stackParameters(options['stack-param'] as string[]) }
      : {}),
    ...(options.iam ? { iam: iamMode(String(options.iam)) } : {}),
    inMemory: Boolean(options['in-memory']),
    force: Boolean(options.force),
    allowedOrigins: (options['allow-origin'] as string[] | undefined) ?? [],
    allowedHosts: (options['allow-host'] as string[] | undefined) ?? [],
    model: {
      ...(options['model-endpoint'] ? { endpoint: String(options['model-endpoint']) } : {}),
      ...(options['model-region'] ? { region: String(options['model-region']) } : {}),
      ...(options['model-id'] ? { modelId: String(options['model-id']) } : {}),
    },
  });
  return -1;
};

function iamMode(value: string): IamMode {
  if (!(IAM_MODES as readonly string[]).includes(value))
    throw new Error(`--iam takes ${IAM_MODES.join(', ')}, not "${value}"`);
  return value as IamMode;
}

/** `--stack-param expenses:TableName=x` (repeatable) → `{ expenses: { TableName: 'x' } }`. */
function stackParameters(values: string[]): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const value of values) {
    const match = /^([^:=]+):([^=]+)=(.*)$/.exec(value);
    if (!match) throw new Error(`--stack-param takes <service>:<Parameter>=<value>, not "${value}"`);
    const [, service, name, parameter] = match as unknown as [string, string, string, string];
    result[service] = { ...result[service], [name]: parameter };
  }
  return result;
}

const token: Command = async ([user], options) => {
  if (!user) throw new Error('usage: token <user> [--scope scope ...]');
  const scopes = options.scope as string[] | undefined;
  const { token: value } = await control<{ token: string }>(dataDirOf(options), 'POST', 'token', {
    user,
    scopes,
  });
  print(value);
  return 0;
};

const invoke: Command = async ([fn, payload], options) => {
  if (!fn) throw new Error('usage: invoke <function> [json|@file]');
  const body = payload?.startsWith('@') ? await readFile(payload.slice(1), 'utf8') : (payload ?? '{}');
  const outcome = await control<Record<string, unknown>>(
    dataDirOf(options),
    'POST',
    `invoke/${encodeURIComponent(fn)}`,
    JSON.parse(body),
  );
  print(JSON.stringify(outcome, null, 2));
  return outcome.ok ? 0 : 1;
};

const events: Command = async ([sub], options) => {
  if (sub !== 'tail') throw new Error('usage: events tail [--source spendwise.expenses]');
  const source = options.source as string | undefined;
  process.stderr.write('following every event on the bus (Ctrl-C to stop)\n');
  await follow(dataDirOf(options), 'events/stream', (data) => {
    const { bus, event } = data as {
      bus: string;
      event: { source: string; 'detail-type': string; time: string };
    };
    if (source && event.source !== source) return;
    print(
      `${event.time}  ${bus}  ${event.source}  ${event['detail-type']}\n${JSON.stringify(event, null, 2)}`,
    );
  });
  return 0;
};

const queues: Command = async (_args, options) => {
  print(
    table(await control(dataDirOf(options), 'GET', 'queues'), [
      'name',
      'visible',
      'inFlight',
      'delayed',
      'dlq',
    ]),
  );
  return 0;
};

const redrive: Command = async ([queue], options) => {
  if (!queue) throw new Error('usage: redrive <dead-letter queue name, URL or ARN>');
  const { moved, destination } = await control<{ moved: number; destination: string }>(
    dataDirOf(options),
    'POST',
    'queues/redrive',
    { queue },
  );
  print(`moved ${moved} message(s) from ${queue} to ${destination}`);
  return 0;
};

const executions: Command = async (_args, options) => {
  const limit = options.limit ? `?limit=${Number(options.limit)}` : '';
  print(
    table(await control(dataDirOf(options), 'GET', `executions${limit}`), [
      'name',
      'stateMachine',
      'status',
      'startDate',
      'stopDate',
    ]),
  );
  return 0;
};

const schedule: Command = async ([sub, name], options) => {
  if (sub === 'list') {
    print(
      table(await control(dataDirOf(options), 'GET', 'schedules'), ['name', 'expression', 'state', 'next']),
    );
    return 0;
  }
  if (sub !== 'run' || !name) throw new Error('usage: schedule list | schedule run <name>');
  await control(dataDirOf(options), 'POST', 'schedules/run', { name });
  print(`fired ${name}`);
  return 0;
};

const alarms: Command = async (_args, options) => {
  print(table(await control(dataDirOf(options), 'GET', 'alarms'), ['name', 'state', 'reason']));
  return 0;
};

const IAM_USAGE = 'usage: iam denials [--limit n] | iam credentials <function>';

interface DenialRow {
  at: string;
  count?: number;
  enforced: boolean;
  caller: string;
  message: string;
  allowingStatement: unknown;
}

const iam: Command = async ([sub, name], options) => {
  if (sub === 'credentials') {
    if (!name) throw new Error(IAM_USAGE);
    const path = `iam/credentials/${encodeURIComponent(name)}`;
    print(JSON.stringify(await control(dataDirOf(options), 'GET', path), null, 2));
    return 0;
  }
  if (sub !== 'denials') throw new Error(IAM_USAGE);
  const { mode, denials } = await control<{ mode: string; denials: DenialRow[] }>(
    dataDirOf(options),
    'GET',
    'iam/denials',
  );
  const limit = options.limit ? Number(options.limit) : denials.length;
  const shown = denials.slice(-limit);
  print(
    `IAM mode: ${mode}; ${denials.length} ${mode === 'report' ? 'call(s) that would be denied' : 'denial(s)'}`,
  );
  for (const denial of shown) {
    print('');
    const times = (denial.count ?? 1) > 1 ? ` (${denial.count} times, last)` : '';
    print(`${denial.at}${times}  ${denial.enforced ? 'DENIED' : 'would deny'}  ${denial.caller}`);
    print(`  ${denial.message}`);
    print(`  allowed by: ${JSON.stringify(denial.allowingStatement)}`);
  }
  return 0;
};

const MODEL_USAGE = `usage: model faults '{"throttleNext":3}' | model requests [--limit n]`;

const model: Command = async ([sub, json], options) => {
  if (sub === 'requests') {
    const limit = options.limit ? `?limit=${encodeURIComponent(String(options.limit))}` : '';
    const { requests } = await control<{ requests: unknown[] }>(
      dataDirOf(options),
      'GET',
      `model/requests${limit}`,
    );
    print(JSON.stringify(requests, null, 2));
    return 0;
  }
  if (sub !== 'faults' || !json) throw new Error(MODEL_USAGE);
  print(JSON.stringify(await control(dataDirOf(options), 'POST', 'model/faults', JSON.parse(json))));
  return 0;
};

const s3: Command = async ([sub, bucket], options) => {
  if (sub !== 'ls') throw new Error('usage: s3 ls [bucket] [--prefix p]');
  const query = new URLSearchParams({
    ...(bucket ? { bucket } : {}),
    ...(options.prefix ? { prefix: String(options.prefix) } : {}),
  });
  const rows = await control<Record<string, unknown>[]>(
    dataDirOf(options),
    'GET',
    `s3${query.size ? `?${query}` : ''}`,
  );
  print(
    table(
      rows,
      bucket
        ? ['key', 'size', 'lastModified', 'versionId']
        : ['name', 'objects', 'versioning', 'eventBridge'],
    ),
  );
  return 0;
};

const settle: Command = async (_args, options) => {
  const timeoutMs = options.timeout === undefined ? undefined : Math.round(Number(options.timeout) * 1000);
  if (timeoutMs !== undefined && !(timeoutMs >= 1 && timeoutMs <= 600_000))
    throw new Error('usage: settle [--timeout seconds] (up to 600)');
  const { passes, elapsedMs } = await control<{ passes: number; elapsedMs: number }>(
    dataDirOf(options),
    'POST',
    'settle',
    timeoutMs === undefined ? {} : { timeoutMs },
  );
  print(`settled in ${elapsedMs} ms (${passes} pass${passes === 1 ? '' : 'es'} over the engines)`);
  return 0;
};

const snapshot: Command = async (args, options) => {
  const { snapshotCommand } = await import('../snapshots/cli');
  return snapshotCommand(
    args,
    options,
    (method, path, body) => control(dataDirOf(options), method, path, body),
    print,
  );
};

export const commands: Record<string, Command> = {
  start,
  token,
  invoke,
  events,
  queues,
  redrive,
  executions,
  schedule,
  alarms,
  iam,
  model,
  s3,
  settle,
  snapshot,
};
