/**
 * `pnpm bench:warm-cpu [--only fn1,fn2] [--batches N] [--records N] [--warm-up N] [--unsampled] [--cpu-prof]
 *   [--against <dir>] [--rounds N]`:
 * the CPU a warm SQS consumer spends per record, measured on its packaged bundle as Lambda runs it.
 *
 * Packages the services as `pnpm package` does (cached), unzips each SQS-triggered function and runs it in a
 * fresh `node` process (Node 24, the project's `node` devDependency) with its template environment, Lambda's
 * variables and a sampled trace (bench/lambdaHarness.ts, shared with bench:cold-start), against a local fake AWS
 * endpoint in this process, so the endpoint's CPU is not counted. The child (bench/warmCpuChild.mjs) imports the
 * handler, invokes it with warm-up batches, then with N measured batches of M records (fresh events each, all
 * valid and handled the whole way), measuring its own `process.cpuUsage()` (user + system) around each
 * invocation. applySpendingEvent runs twice: ten ExpenseRecorded of one user and month, and of ten users.
 *
 * With --cpu-prof, each child also runs under `node --cpu-prof`, on an unminified build of the same entry with
 * the services' esbuild options (readable names, `// <module>` comments), and the profile's samples inside the
 * measured invocations are summed by self time per function and per module (bench/cpuProfile.ts). The
 * .cpuprofile files and the builds they ran stay in .bench/warm-cpu/ (open a profile in Chrome DevTools).
 *
 * With --against <dir> (a folder of `<fn>.zip`, e.g. copied from an earlier package), each function is also run
 * from that zip, one process of each in turn for --rounds rounds (default 3), and the ratio now / against printed.
 *
 * Figures only: nothing is asserted. Compare runs made in the same machine state (the load average is printed).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lambdaContext, sqsEvent } from '../packages/lambda-kit/src/testing';
import { formatTable } from '../packages/packager/src/cli';
import { consoleProgress, packageServices } from '../packages/packager/src/index';
import { bundleModules, type CpuProfile, summarizeProfile, type Window } from './cpuProfile';
import {
  type BenchFunction,
  CALLS_PATH,
  type FakeAws,
  functionsOf,
  handlerModule,
  lambdaEnv,
  load,
  nodeVersion,
  oneUser,
  projectNode,
  rootDir,
  serviceBuildOptions,
  sqsBodies,
  startFakeAws,
  startXrayDaemon,
  type UserOf,
  unzip,
} from './lambdaHarness';
import { type MeasuredBatch, type WarmCpuFigures, warmCpuFigures } from './warmCpuFigures';

/** The SQS-triggered consumers of the templates, applySpendingEvent first. */
const DEFAULT_FUNCTIONS = [
  'applySpendingEvent',
  'applyCatalogChange',
  'checkReceipt',
  'deliverAlert',
  'deliverWebhook',
  'routeOpsAlert',
];

interface Options {
  only: string[];
  batches: number;
  records: number;
  warmUp: number;
  sampled: boolean;
  cpuProf: boolean;
  /** A folder of function zips (`<fn>.zip`, e.g. copied from an earlier `pnpm package`) to measure against. */
  against?: string;
  rounds: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    only: [],
    batches: 30,
    records: 10,
    warmUp: 10,
    sampled: true,
    cpuProf: false,
    rounds: 0,
  };
  const args = argv
    .filter((arg) => arg !== '--')
    .flatMap((arg) => (arg.includes('=') ? arg.split('=') : [arg]));
  const whole = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs a whole number ≥ ${min}`);
    return n;
  };
  const flags: Record<string, (value: () => string | undefined) => void> = {
    '--only': (value) => options.only.push(...(value() ?? '').split(',').filter(Boolean)),
    '--batches': (value) => {
      options.batches = whole('--batches', value(), 1);
    },
    '--records': (value) => {
      options.records = whole('--records', value(), 1);
    },
    '--warm-up': (value) => {
      options.warmUp = whole('--warm-up', value(), 0);
    },
    '--rounds': (value) => {
      options.rounds = whole('--rounds', value(), 1);
    },
    '--against': (value) => {
      options.against = value();
    },
    '--unsampled': () => {
      options.sampled = false;
    },
    '--cpu-prof': () => {
      options.cpuProf = true;
    },
  };
  for (let i = 0; i < args.length; i++) {
    const flag = flags[args[i]!];
    if (!flag) throw new Error(`unknown option ${args[i]}`);
    flag(() => args[++i]);
  }
  if (options.against && options.cpuProf) throw new Error('--against and --cpu-prof do not go together');
  options.rounds ||= options.against ? 3 : 1;
  return options;
}

/** A measured subject: a function, and for applySpendingEvent which users its batches' records belong to. */
interface Case {
  f: BenchFunction;
  label: string;
  userOf: UserOf;
}

function casesOf(f: BenchFunction): Case[] {
  if (f.fn !== 'applySpendingEvent') return [{ f, label: f.fn, userOf: oneUser }];
  return [
    { f, label: `${f.fn} (1 user)`, userOf: oneUser },
    { f, label: `${f.fn} (users)`, userOf: (index) => `bench-user-${index + 1}` },
  ];
}

const batchOf = (c: Case, records: number) =>
  sqsEvent(
    sqsBodies(c.f.fn, records, c.userOf).map((body, index) => ({ body, messageId: `msg-${index + 1}` })),
  );

// ---------------------------------------------------------------------------------------------------------
// --cpu-prof: an unminified build of the same entry, with its service's esbuild options (serverless.yml,
// custom.esbuild, read by serviceBuildOptions), so the profile has names and modules.

async function readableBuild(f: BenchFunction, dir: string): Promise<string> {
  const options = serviceBuildOptions(f.service);
  const dot = f.handler.lastIndexOf('.');
  const outfile = join(dir, `${f.handler.slice(0, dot)}.mjs`);
  await build({
    ...options,
    entryPoints: [join(options.absWorkingDir!, `${f.handler.slice(0, dot)}.ts`)],
    outfile,
    minify: false,
  });
  return outfile;
}

// ---------------------------------------------------------------------------------------------------------

interface ChildRun {
  batches: MeasuredBatch[];
  windows: Window[];
  profile?: string;
}

function runChild(node: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(node, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`exited with ${code}: ${stderr.slice(-500)}`)),
    );
  });
}

const ms = (value: number) => value.toFixed(2);
const us = (value: number, per: number) => (value / 1000 / per).toFixed(3);

function printProfile(
  label: string,
  profileFile: string,
  summary: ReturnType<typeof summarizeProfile>,
  perRecord: number,
) {
  process.stdout.write(
    `\n${label}: CPU profile of the measured invocations (${relative(rootDir, profileFile)}), ${us(summary.totalUs, perRecord)} ms per record sampled (+ ${us(summary.idleUs, perRecord)} ms idle)\n`,
  );
  const share = (selfUs: number) => `${((100 * selfUs) / summary.totalUs).toFixed(1)} %`;
  process.stdout.write(
    `${formatTable(
      ['module', 'self ms / record', 'share'],
      summary.modules.slice(0, 30).map((m) => [m.module, us(m.selfUs, perRecord), share(m.selfUs)]),
    )}\n\n`,
  );
  process.stdout.write(
    `${formatTable(
      ['function', 'module', 'self ms / record', 'share'],
      summary.functions.slice(0, 30).map((f) => [f.name, f.module, us(f.selfUs, perRecord), share(f.selfUs)]),
    )}\n`,
  );
}

/** What every measurement of a run shares. */
interface Run {
  options: Options;
  node: string;
  work: string;
  profiles: string;
  fake: FakeAws;
  daemon: string;
}

/** One process of a function from `dir`: warm-up, then the measured batches, each of fresh events. */
async function measureOnce(run: Run, c: Case, dir: string): Promise<ChildRun & { modulePath: string }> {
  const { options, work, fake } = run;
  const { f } = c;
  const name = `spendwise-${f.service}-bench-${f.fn}`;
  const batchesFile = join(work, 'batches.json');
  const reportFile = join(work, 'report.json');
  await rm(reportFile, { force: true });
  await writeFile(
    batchesFile,
    JSON.stringify({
      warmUp: Array.from({ length: options.warmUp }, () => batchOf(c, options.records)),
      measured: Array.from({ length: options.batches }, () => batchOf(c, options.records)),
      context: lambdaContext({ functionName: name }),
      callsUrl: `${fake.url}${CALLS_PATH}`,
    }),
  );
  const trace = { endpoint: fake.url, daemon: run.daemon, sampled: options.sampled };
  const env = lambdaEnv(name, dir, trace, f.variables);
  let { modulePath, exportName } = handlerModule(f, dir);
  const nodeArgs: string[] = [];
  if (options.cpuProf) {
    modulePath = await readableBuild(f, await mkdirp(join(run.profiles, `${f.service}-${f.fn}`)));
    await rm(join(work, 'profile'), { recursive: true, force: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${join(work, 'profile')}`, '--cpu-prof-interval=250');
  }
  const child = join(rootDir, 'bench', 'warmCpuChild.mjs');
  await runChild(
    run.node,
    [...nodeArgs, child, pathToFileURL(modulePath).href, exportName, batchesFile, reportFile],
    env,
  );
  return { ...(JSON.parse(await readFile(reportFile, 'utf8')) as ChildRun), modulePath };
}

/** Sums the kept profile of the last process over its measured invocations and prints where the CPU went. */
async function reportProfile(run: Run, c: Case, last: ChildRun & { modulePath: string }) {
  const { options, profiles } = run;
  const [file] = (await readdir(join(run.work, 'profile'))).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`${c.label}: node --cpu-prof wrote no profile`);
  const kept = join(profiles, `${c.label.replace(/\W+/g, '-').replace(/-$/, '')}.cpuprofile`);
  const text = await readFile(join(run.work, 'profile', file), 'utf8');
  await writeFile(kept, text);
  await writeFile(kept.replace(/\.cpuprofile$/, '.windows.json'), JSON.stringify(last.windows));
  const summary = summarizeProfile(JSON.parse(text) as CpuProfile, {
    windows: last.windows,
    bundleUrl: pathToFileURL(last.modulePath).href,
    moduleOf: bundleModules(await readFile(last.modulePath, 'utf8')),
  });
  printProfile(c.label, kept, summary, options.records * options.batches);
}

/** The table's row of one side of a case, with the ratio to the `against` side when there is one. */
function rowOf(f: BenchFunction, label: string, own: WarmCpuFigures, against?: WarmCpuFigures): string[] {
  const pair = (spread: { median: number; p90: number }) => `${ms(spread.median)} / ${ms(spread.p90)}`;
  const row = [
    f.service,
    label,
    pair(own.cpuPerRecordMs),
    pair(own.cpuPerBatchMs),
    pair(own.wallPerBatchMs),
    `${own.callsPerBatch.median}`,
    [...own.outcomes].map(([outcome, n]) => `${outcome} ×${n}`).join(', '),
  ];
  if (against) {
    const ratio = (key: 'median' | 'p90') =>
      (own.cpuPerRecordMs[key] / against.cpuPerRecordMs[key]).toFixed(2);
    row.push(`${ratio('median')} / ${ratio('p90')}`);
  }
  return row;
}

/** Every case of a function, from its packaged zip and (with --against) the other zip, interleaved by process. */
async function measureFunction(run: Run, f: BenchFunction): Promise<string[][]> {
  const { options } = run;
  const sides = [{ label: '', dir: join(run.work, `${f.service}-${f.fn}`) }];
  if (options.against) {
    const dir = await mkdirp(join(run.work, `against-${f.service}-${f.fn}`));
    await unzip(join(options.against, `${f.fn}.zip`), dir);
    sides[0]!.label = ' now';
    sides.unshift({ label: ' against', dir });
  }
  const rows: string[][] = [];
  for (const c of casesOf(f)) {
    const measured = sides.map(() => [] as MeasuredBatch[]);
    let last: (ChildRun & { modulePath: string }) | undefined;
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, side] of sides.entries()) {
        last = await measureOnce(run, c, side.dir);
        measured[index]!.push(...last.batches);
      }
    }
    const figures = measured.map((batches) => warmCpuFigures(batches, options.records));
    for (const [index, side] of sides.entries()) {
      const row = rowOf(
        f,
        `${c.label}${side.label}`,
        figures[index]!,
        options.against ? figures[0] : undefined,
      );
      rows.push(row);
      process.stderr.write(`${row.join('  ')}\n`);
    }
    if (options.cpuProf && last) await reportProfile(run, c, last);
  }
  return rows;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const node = projectNode();
  const wanted = options.only.length ? options.only : DEFAULT_FUNCTIONS;
  const packaged = await packageServices({ rootDir, services: [], onProgress: consoleProgress });
  const all = (await Promise.all(packaged.map((p) => functionsOf(p.name, p.dir)))).flat();
  const functions = wanted.flatMap((name) => all.filter((f) => f.fn === name));
  const missing = wanted.filter((name) => !functions.some((f) => f.fn === name));
  if (missing.length) throw new Error(`no packaged function named ${missing.join(', ')}`);
  const notSqs = functions.filter((f) => f.trigger.kind !== 'sqs').map((f) => f.fn);
  if (notSqs.length) process.stderr.write(`not SQS-triggered, measured with SQS batches anyway: ${notSqs}\n`);

  const work = await mkdtemp(join(tmpdir(), 'spendwise-warm-cpu-'));
  const profiles = join(rootDir, '.bench', 'warm-cpu');
  const fake = await startFakeAws();
  const daemon = await startXrayDaemon();
  try {
    const version = await nodeVersion(node.path);
    const loadBefore = load();
    process.stdout.write(
      `\nNode.js ${version} (${node.note}); ${options.warmUp} warm-up + ${options.batches} measured batch(es) of ${options.records} record(s) per process, ${options.rounds} process(es) per function${options.against ? ' and side' : ''}, ${options.sampled ? 'sampled' : 'unsampled'} trace; load average (1/5/15 min) ${loadBefore}\n`,
    );
    // Every bundle is copied out first, so packaging during the run (another command) cannot change what is measured.
    for (const f of functions) await unzip(f.zipPath, await mkdirp(join(work, `${f.service}-${f.fn}`)));
    if (options.cpuProf) await mkdir(profiles, { recursive: true });
    const run: Run = { options, node: node.path, work, profiles, fake, daemon: daemon.address };
    const rows: string[][] = [];
    for (const f of functions) rows.push(...(await measureFunction(run, f)));

    const table = formatTable(
      [
        'service',
        'function',
        'CPU ms / record (median / p90)',
        'CPU ms / batch',
        'wall ms / batch',
        'AWS calls / batch',
        'outcome × batches',
        ...(options.against ? ['CPU / record ÷ against (median / p90)'] : []),
      ],
      rows,
    );
    process.stdout.write(`\n${table}\n\n`);
    process.stdout.write(
      `CPU = the function process's user + system CPU during each measured invocation (process.cpuUsage()), the fake AWS endpoint's not included; ${options.rounds} process(es) × ${options.batches} batch(es) of ${options.records} record(s) after ${options.warmUp} warm-up batch(es), fresh events in each${options.against ? `; against = the zips of ${options.against}, interleaved process by process` : ''}.\n` +
        `Node.js ${version}. Load average before ${loadBefore}, after ${load()}: compare runs of one machine state.\n`,
    );
  } finally {
    daemon.close();
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }
}

async function mkdirp(dir: string): Promise<string> {
  if (!existsSync(dir)) await mkdir(dir, { recursive: true });
  return dir;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:warm-cpu failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
