/**
 * `pnpm bench:cold-start [--reps N] [--only fn1,fn2] [--unsampled] [service…]`: for every packaged function, the
 * code Node reads when it imports the handler, the code in its zip, and how much its cold start costs next to a
 * hello-world ESM handler, measured on this machine in one run.
 *
 * Packages the services as `pnpm package` does (cached), unzips each function's bundle into a temp dir and, for
 * N rounds, starts fresh `node` processes in the order hello-import, floor-import, function-import, hello-invoke,
 * floor-invoke, function-invoke, timing each whole process from spawn to exit:
 *  - import: the process imports the handler module and exits;
 *  - first invocation: the process imports it and calls the handler once with an event of its trigger (an HTTP
 *    API request, an SQS batch, a stream batch, a workflow input) against a local fake AWS endpoint, a small HTTP
 *    server answering the SDK calls the functions make (empty reads, accepted writes).
 * The first row is the floor (bench/coldStartFloor.ts): a handler that reads one item with the DynamoDB document
 * client and does nothing else, bundled with the services' esbuild options and timed the same way, so each
 * function's ratios read against what the SDK client alone costs.
 * Each function runs with its template's environment (intrinsics replaced by placeholders), Lambda's variables,
 * and active tracing as on AWS: a sampled `_X_AMZN_TRACE_ID` (unsampled for a PassThrough function, which a
 * stream or a schedule calls outside any trace) and a UDP sink as the X-Ray daemon.
 * It prints the median over rounds of each round's ratio function / hello-world, the medians in milliseconds,
 * and the load average before and after. Figures only: it asserts nothing (a loaded machine shrinks the ratios,
 * Node's own start-up growing; compare runs of one machine state).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lambdaContext } from '../packages/lambda-kit/src/testing';
import { formatTable } from '../packages/packager/src/cli';
import { consoleProgress, packageServices } from '../packages/packager/src/index';
import { initCode } from './initCode';
import {
  type BenchFunction,
  eventOf,
  functionsOf,
  handlerModule,
  lambdaEnv,
  load,
  median,
  nodeVersion,
  projectNode,
  rootDir,
  serviceBuildOptions,
  startFakeAws,
  startXrayDaemon,
  unzip,
} from './lambdaHarness';

const KB = 1024;
/** The floor's row: bench/coldStartFloor.ts, the least a function of this design runs. */
const FLOOR_SERVICE = '(floor)';

interface Options {
  reps: number;
  sampled: boolean;
  only: Set<string>;
  services: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { reps: 5, sampled: true, only: new Set(), services: [] };
  const args = argv
    .filter((arg) => arg !== '--')
    .flatMap((arg) => (arg.includes('=') ? arg.split('=') : [arg]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--unsampled') options.sampled = false;
    else if (arg === '--reps') options.reps = Number(args[++i]);
    else if (arg === '--only') for (const f of (args[++i] ?? '').split(',')) options.only.add(f);
    else options.services.push(arg);
  }
  if (!Number.isInteger(options.reps) || options.reps < 1) throw new Error('--reps needs a whole number ≥ 1');
  return options;
}

// ---------------------------------------------------------------------------------------------------------
// Processes

/** Imports a handler module and, with an event file, calls its handler once; reports the outcome with --check. */
const RUNNER = `
import { readFileSync, writeFileSync } from 'node:fs';
const [, , modulePath, exportName, eventFile, reportFile] = process.argv;
const mod = await import(modulePath);
if (eventFile) {
  const { event, context } = JSON.parse(readFileSync(eventFile, 'utf8'));
  context.getRemainingTimeInMillis = () => 10000;
  let outcome;
  try {
    const result = await mod[exportName](event, context);
    outcome = result?.statusCode !== undefined ? 'HTTP ' + result.statusCode
      : result?.batchItemFailures !== undefined ? result.batchItemFailures.length + ' failed record(s)'
      : 'returned ' + JSON.stringify(result ?? null).slice(0, 60);
  } catch (error) {
    outcome = 'threw ' + (error?.name ?? 'error') + ': ' + String(error?.message ?? error).slice(0, 80);
  }
  if (reportFile) writeFileSync(reportFile, outcome);
}
process.exit(0);
`;

const HELLO = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: 'world' }) });\n`;

interface Subject {
  modulePath: string;
  exportName: string;
  env: Record<string, string>;
  eventFile: string;
}

/** One round's process times in ms, each importing and then invoking: hello-world, the floor, the function. */
interface Round {
  hello: Times;
  floor: Times;
  fn: Times;
}
interface Times {
  import: number;
  invoke: number;
}
type Phase = keyof Times;

/** The median over rounds of a figure of each round. */
const medianOf = (rounds: Round[], figure: (round: Round) => number) => median(rounds.map(figure));

/** Wall time of one fresh process, from spawn to exit, in milliseconds. */
function timeProcess(node: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}

async function checkOutcome(node: string, runner: string, subject: Subject, dir: string): Promise<string> {
  const report = join(dir, 'outcome.txt');
  await rm(report, { force: true });
  const args = [
    runner,
    pathToFileURL(subject.modulePath).href,
    subject.exportName,
    subject.eventFile,
    report,
  ];
  try {
    await timeProcess(node, args, subject.env);
    return existsSync(report) ? await readFile(report, 'utf8') : 'no outcome';
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const node = projectNode();
  const packaged = await packageServices({
    rootDir,
    services: options.services,
    onProgress: consoleProgress,
  });
  const all = (await Promise.all(packaged.map((p) => functionsOf(p.name, p.dir)))).flat();
  const functions = options.only.size ? all.filter((f) => options.only.has(f.fn)) : all;
  if (functions.length === 0) throw new Error('no function matches --only');

  const work = await mkdtemp(join(tmpdir(), 'spendwise-cold-start-'));
  const fake = await startFakeAws();
  const daemon = await startXrayDaemon();
  const daemonAddress = daemon.address;
  try {
    const runner = join(work, 'runner.mjs');
    await writeFile(runner, RUNNER);
    await mkdir(join(work, 'hello'));
    await writeFile(join(work, 'hello', 'index.mjs'), HELLO);
    const version = await nodeVersion(node.path);
    const loadBefore = load();
    process.stdout.write(
      `\nNode.js ${version} (${node.note}); ${functions.length} function(s), ${options.reps} round(s) each, ${options.sampled ? 'sampled' : 'unsampled'} trace; load average (1/5/15 min) ${loadBefore}\n`,
    );

    // Every bundle is copied out first, so packaging during the run (another command) cannot change what is measured.
    const unzipped = new Map<BenchFunction, number>();
    for (const f of functions) {
      const dir = join(work, `${f.service}-${f.fn}`);
      await mkdir(dir);
      unzipped.set(f, (await unzip(f.zipPath, dir)).codeBytes);
    }
    const trace = { endpoint: fake.url, daemon: daemonAddress, sampled: options.sampled };
    /** Hello-world, called with the function's event. */
    const hello = (eventFile: string): Subject => ({
      modulePath: join(work, 'hello', 'index.mjs'),
      exportName: 'handler',
      env: lambdaEnv('hello', join(work, 'hello'), trace, {}),
      eventFile,
    });
    /** A function ready to time: its event file written, its environment, its first call's outcome checked. */
    const prepare = async (f: BenchFunction, dir: string) => {
      const { modulePath, exportName } = handlerModule(f, dir);
      const eventFile = join(dir, 'event.json');
      await writeFile(
        eventFile,
        JSON.stringify({
          event: eventOf(f, fake.url),
          context: lambdaContext({ functionName: `spendwise-${f.service}-bench-${f.fn}` }),
        }),
      );
      // A PassThrough function called by a stream or a schedule is never in a sampled trace (ADR 35).
      const ownTrace = { ...trace, sampled: trace.sampled && f.tracing === 'Active' };
      const env = lambdaEnv(`spendwise-${f.service}-bench-${f.fn}`, dir, ownTrace, f.variables);
      const subject: Subject = { modulePath, exportName, env, eventFile };
      const outcome = await checkOutcome(node.path, runner, subject, dir);
      const callsBefore = fake.calls();
      await checkOutcome(node.path, runner, subject, dir);
      const callsPerInvoke = fake.calls() - callsBefore;
      return {
        subject,
        atInit: initCode(modulePath, dir).bytes,
        outcome: `${outcome} (${callsPerInvoke} AWS call(s))`,
      };
    };
    const importArgs = (s: Subject) => [runner, pathToFileURL(s.modulePath).href, s.exportName];
    const invokeArgs = (s: Subject) => [...importArgs(s), s.eventFile];
    const run = (s: Subject, invoke: boolean) =>
      timeProcess(node.path, invoke ? invokeArgs(s) : importArgs(s), s.env);
    /** A table row of `who` (the function, or the floor) from its rounds. */
    const row = (
      f: BenchFunction,
      prepared: { atInit: number; outcome: string },
      bundleBytes: number,
      rounds: Round[],
      who: 'fn' | 'floor',
    ) => {
      const ratio = (phase: Phase, base: 'hello' | 'floor') =>
        `${medianOf(rounds, (r) => r[who][phase] / r[base][phase]).toFixed(2)}×`;
      const ms = (phase: Phase) =>
        `${medianOf(rounds, (r) => r[who][phase]).toFixed(0)} / ${medianOf(rounds, (r) => r.hello[phase]).toFixed(0)}`;
      return [
        f.service,
        f.fn,
        `${(prepared.atInit / KB).toFixed(1)} KB`,
        `${(bundleBytes / KB).toFixed(1)} KB`,
        ratio('import', 'hello'),
        ratio('invoke', 'hello'),
        who === 'floor' ? '1 / 1' : `${ratio('import', 'floor')} / ${ratio('invoke', 'floor')}`,
        ms('import'),
        ms('invoke'),
        prepared.outcome,
      ];
    };

    // The floor: bench/coldStartFloor.ts bundled as the services' functions are, timed in every round of every
    // function, between hello-world and the function.
    const floorDir = join(work, 'floor');
    const floorBuild = await build({
      ...serviceBuildOptions(),
      entryPoints: [join(rootDir, 'bench', 'coldStartFloor.ts')],
      outdir: floorDir,
    });
    if (floorBuild.errors.length > 0) throw new Error('bench/coldStartFloor.ts did not build');
    const floor: BenchFunction = {
      service: FLOOR_SERVICE,
      fn: 'oneGetItem',
      zipPath: '',
      handler: 'coldStartFloor.handler',
      variables: { TABLE_NAME: 'bench-floor' },
      trigger: { kind: 'http', method: 'GET', path: '/floor/{id}', scopes: [] },
      tracing: 'Active',
    };
    // The lazy-chunks plugin asks esbuild for a metafile: its outputs are the code files written.
    const floorCode = Object.entries(floorBuild.metafile?.outputs ?? {})
      .filter(([file]) => /\.[cm]?js$/.test(file))
      .reduce((bytes, [, output]) => bytes + output.bytes, 0);
    const floorPrepared = await prepare(floor, floorDir);
    const allRounds: Round[] = [];

    const rows: string[][] = [];
    for (const f of functions) {
      const dir = join(work, `${f.service}-${f.fn}`);
      const prepared = await prepare(f, dir);
      const base = hello(prepared.subject.eventFile);
      const rounds: Round[] = [];
      for (let round = 0; round < options.reps; round++) {
        // In this order: the three imports, then the three first calls.
        const helloImport = await run(base, false);
        const floorImport = await run(floorPrepared.subject, false);
        const fnImport = await run(prepared.subject, false);
        const helloInvoke = await run(base, true);
        const floorInvoke = await run(floorPrepared.subject, true);
        const fnInvoke = await run(prepared.subject, true);
        rounds.push({
          hello: { import: helloImport, invoke: helloInvoke },
          floor: { import: floorImport, invoke: floorInvoke },
          fn: { import: fnImport, invoke: fnInvoke },
        });
      }
      allRounds.push(...rounds);
      const line = row(f, prepared, unzipped.get(f)!, rounds, 'fn');
      rows.push(line);
      process.stderr.write(`${line.join('  ')}\n`);
      await rm(dir, { recursive: true, force: true });
    }
    rows.unshift(row(floor, floorPrepared, floorCode, allRounds, 'floor'));

    const table = formatTable(
      [
        'service',
        'function',
        'read at init',
        'code in zip',
        'import ×',
        'first call ×',
        'vs floor',
        'import ms fn/hello',
        'first call ms fn/hello',
        'first call outcome',
      ],
      rows,
    );
    process.stdout.write(`\n${table}\n\n`);
    process.stdout.write(
      `× = median over ${options.reps} round(s) of (function process time / hello-world process time), hello-world, floor and function interleaved; read at init = the handler's module and the chunks it imports statically; code in zip = every minified .js/.mjs in the zip, chunks loaded by import() included (1 KB = 1024 bytes); vs floor = median over rounds of (function process time / floor process time), import and first call, the floor timed in every round between hello-world and the function; the floor's own row is the median over all rounds of all functions.\n` +
        `${FLOOR_SERVICE} oneGetItem = bench/coldStartFloor.ts, one DynamoDB GetItem through @aws-sdk/lib-dynamodb and nothing else, bundled as the functions are: the least any function using the SDK's DynamoDB client costs. Goals (docs/cost-and-cold-starts.md): import ≤ 1.5×, first call ≤ 2×, ≤ 150 KB read at init.\n` +
        `Load average before ${loadBefore}, after ${load()}. A loaded machine shrinks the ratios: compare runs of one machine state.\n`,
    );
  } finally {
    daemon.close();
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cold-start failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
