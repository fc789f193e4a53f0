/**
 * `pnpm deploy:plan` and `pnpm deploy:stage`: which services a change deploys and why, their change sets
 * (`--dry-run`), and the deploy itself. Both CI systems call this script (docs/delivery.md).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCompose, readCompose } from '../../packages/packager/src/compose';
import { resolveOsls } from '../../packages/packager/src/osls';
import { DEFAULT_REGION } from '../../packages/packager/src/packageServices';
import {
  describeChangeSet,
  formatChangeSet,
  hasAwsCredentials,
  readDeployedCommit,
  recordDeployedCommit,
} from './aws';
import { offlineChangeSets } from './dryRun';
import { allFiles, changedFiles, commitOf, fileAt, resolveBase } from './git';
import { lockfileChanges } from './lockfile';
import { COMPOSE_FILE, type DeployPlan, formatPlan, LOCKFILE, type PlanService, planDeploy } from './plan';
import { readWorkspace } from './workspace';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));

export const USAGE = `Usage:
  pnpm deploy:plan  [--base <rev>|deployed] [--head <rev>] [--stage <s>] [--json] [--output-env <file>]
  pnpm deploy:stage --stage <s> [--base <rev>|deployed] [--head <rev>] [--region <r>] [--dry-run] [--offline]

plan    prints which services deploy and why: changed files → workspace packages → the services and the web
        app that bundle them, plus their serverless-compose.yml dependants, in compose order.
stage   deploys them (osls deploy per service, in order; pnpm deploy:web for the app) and records the head
        commit in SSM (/spendwise/<stage>/deploy/commit). With --dry-run it packages them instead (offline)
        and prints their change sets: offline, the resources added / modified / removed between the
        templates packaged at the base and at head (or against an empty stack when the service is new); with
        AWS credentials (unless --offline), also a real CloudFormation change set, created, described and
        deleted — never executed.

  --base <rev>      default: the merge base with main, or HEAD~1 on main; "deployed": the commit SSM records
                    for --stage (everything when none is recorded); forty zeros (a new branch): the default
  --head <rev>      default HEAD; packaging and deploying use the checked-out tree, so check head out
  --stage <s>       the stage (needed by stage; by plan only with --base deployed)
  --region <r>      the platform's and APIs' region (default ${DEFAULT_REGION}; the edge keeps us-east-1)
  --output-env <f>  append DEPLOY_BASE, DEPLOY_HEAD, DEPLOY_TARGETS, DEPLOY_ANY (GitHub outputs, GitLab dotenv)`;

interface Options {
  command: 'plan' | 'stage';
  base?: string;
  head: string;
  stage?: string;
  region: string;
  dryRun: boolean;
  offline: boolean;
  json: boolean;
  outputEnv?: string;
}

function parseOptions(argv: string[]): Options {
  const [command, ...rest] = argv.filter((arg) => arg !== '--');
  if (command !== 'plan' && command !== 'stage') throw new Error('the first argument is "plan" or "stage"');
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string', default: 'HEAD' },
      stage: { type: 'string' },
      region: { type: 'string', default: DEFAULT_REGION },
      'dry-run': { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'output-env': { type: 'string' },
    },
  });
  if (values.stage !== undefined && !/^[a-z][a-z0-9-]{0,15}$/.test(values.stage)) {
    throw new Error(`"${values.stage}" is not a stage name (lower-case letters, digits, dashes)`);
  }
  if (command === 'stage' && !values.stage) throw new Error('deploy:stage needs --stage');
  if (values.base === 'deployed' && !values.stage) throw new Error('--base deployed needs --stage');
  return {
    command,
    ...(values.base !== undefined ? { base: values.base } : {}),
    head: values.head,
    ...(values.stage ? { stage: values.stage } : {}),
    region: values.region,
    dryRun: values['dry-run'],
    offline: values.offline,
    json: values.json,
    ...(values['output-env'] ? { outputEnv: values['output-env'] } : {}),
  };
}

export interface ComputedPlan {
  plan: DeployPlan;
  base: string | undefined;
  head: string;
  baseNote: string;
}

const toPlanService =
  (root: string) => (s: { name: string; dir: string; dependsOn: string[]; region?: string }) =>
    ({
      name: s.name,
      dir: relative(root, s.dir).split('\\').join('/'),
      dependsOn: s.dependsOn,
      ...(s.region ? { region: s.region } : {}),
    }) satisfies PlanService;

async function chooseBase(
  root: string,
  options: Pick<Options, 'base' | 'head' | 'stage' | 'region'>,
): Promise<{ base: string | undefined; baseNote: string }> {
  if (options.base !== 'deployed') {
    const base = resolveBase(root, options.base, options.head);
    return { base, baseNote: options.base && !/^0+$/.test(options.base) ? 'given' : 'default base' };
  }
  const recorded = await readDeployedCommit(options.stage!, options.region);
  if (!recorded)
    return { base: undefined, baseNote: `no deploy of ${options.stage} recorded: everything deploys` };
  const base = commitOf(root, recorded);
  return base
    ? { base, baseNote: `last deploy of ${options.stage}` }
    : { base, baseNote: `recorded commit ${recorded} is not in this clone: everything deploys` };
}

/** Plans the deploy of `head` over `base` for the repository at `root` (its checked-out tree is head's). */
export async function computePlan(
  root: string,
  options: Pick<Options, 'base' | 'head' | 'stage' | 'region'>,
) {
  const head = commitOf(root, options.head);
  if (!head) throw new Error(`head "${options.head}" is not a commit`);
  const { base, baseNote } = await chooseBase(root, options);
  const files = base ? changedFiles(root, base, head) : allFiles(root, head);
  const services = (await readCompose(root)).map(toPlanService(root));
  const baseCompose = base && files.includes(COMPOSE_FILE) ? fileAt(root, base, COMPOSE_FILE) : undefined;
  const baseServices = baseCompose ? parseCompose(baseCompose, root).map(toPlanService(root)) : undefined;
  const packages = readWorkspace(root);
  const baseLock = base && files.includes(LOCKFILE) ? fileAt(root, base, LOCKFILE) : undefined;
  const headLock = baseLock ? fileAt(root, head, LOCKFILE) : undefined;
  const lockChanges =
    baseLock && headLock
      ? lockfileChanges(
          baseLock,
          headLock,
          packages.map((p) => p.dir),
        )
      : undefined;
  const plan = planDeploy({
    changedFiles: files,
    packages,
    services,
    ...(baseServices ? { baseServices } : {}),
    webDir: 'apps/web',
    ...(lockChanges ? { lockfileChanges: lockChanges } : {}),
  });
  return { plan, base, head, baseNote } satisfies ComputedPlan;
}

const short = (commit: string | undefined) => (commit ? commit.slice(0, 10) : '(none)');

function header(computed: ComputedPlan, stage: string | undefined): string {
  return (
    `Deploy plan${stage ? ` for ${stage}` : ''}: base ${short(computed.base)} (${computed.baseNote}) → head ` +
    `${short(computed.head)}, ${computed.plan.files.length} file(s) changed`
  );
}

function writeOutputEnv(file: string, computed: ComputedPlan): void {
  const lines = [
    `DEPLOY_BASE=${computed.base ?? ''}`,
    `DEPLOY_HEAD=${computed.head}`,
    `DEPLOY_TARGETS=${computed.plan.targets.map((t) => t.name).join(' ')}`,
    `DEPLOY_ANY=${computed.plan.targets.length > 0}`,
  ];
  appendFileSync(file, `${lines.join('\n')}\n`);
}

async function dryRun(computed: ComputedPlan, options: Options): Promise<number> {
  const stage = options.stage ?? 'dev';
  const names = computed.plan.targets.filter((t) => t.kind === 'service').map((t) => t.name);
  if (computed.plan.targets.some((t) => t.kind === 'web')) {
    console.log(
      '\nweb: `pnpm deploy:web --dry-run` lists its uploads against a deployed stage (docs/edge.md)',
    );
  }
  if (names.length === 0) return 0;
  console.error('');
  const { services, head } = await offlineChangeSets({
    rootDir,
    base: computed.base,
    head: computed.head,
    names,
    stage,
    region: options.region,
    log: (line) => console.error(line),
  });
  console.log('');
  for (const service of services) console.log(service.text);
  if (options.offline || !hasAwsCredentials()) {
    console.log('\n(offline: no AWS credentials, or --offline; no CloudFormation change set created)');
    return 0;
  }
  console.log('');
  for (const name of names) {
    const packaged = head.get(name)!;
    const stackName = `${packaged.serviceName}-${stage}`;
    const outcome = await describeChangeSet({
      stackName,
      region: packaged.region,
      templatePath: packaged.templatePath,
      label: short(computed.head),
    });
    console.log(formatChangeSet(name, outcome, stackName));
  }
  return 0;
}

async function deploy(computed: ComputedPlan, options: Options): Promise<number> {
  const stage = options.stage!;
  const services = new Map((await readCompose(rootDir)).map((s) => [s.name, s]));
  for (const target of computed.plan.targets) {
    console.log(`\n== deploying ${target.name} to ${stage}`);
    let status: number | null;
    if (target.kind === 'web') {
      status = spawnSync('pnpm', ['deploy:web', '--stage', stage, '--region', options.region], {
        cwd: rootDir,
        stdio: 'inherit',
      }).status;
    } else {
      const service = services.get(target.name)!;
      const args = ['deploy', '--stage', stage, '--region', service.region ?? options.region];
      if (service.config) args.push('--config', service.config);
      for (const [key, value] of Object.entries(service.params)) args.push('--param', `${key}=${value}`);
      status = spawnSync(process.execPath, [resolveOsls(service.dir).bin, ...args], {
        cwd: service.dir,
        stdio: 'inherit',
        env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      }).status;
    }
    if (status !== 0) {
      console.error(`\n${target.name} failed to deploy (exit ${status}); later services were not deployed`);
      return 1;
    }
  }
  await recordDeployedCommit(stage, options.region, computed.head);
  console.log(`\n${stage} is at ${computed.head} (recorded in SSM /spendwise/${stage}/deploy/commit)`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const computed = await computePlan(rootDir, options);
  if (options.outputEnv) writeOutputEnv(options.outputEnv, computed);
  if (options.json) {
    console.log(
      JSON.stringify({ base: computed.base ?? null, head: computed.head, ...computed.plan }, null, 2),
    );
  } else {
    console.log(formatPlan(computed.plan, header(computed, options.stage)));
  }
  if (options.command === 'plan') return 0;
  return options.dryRun ? dryRun(computed, options) : deploy(computed, options);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`\ndeploy failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
