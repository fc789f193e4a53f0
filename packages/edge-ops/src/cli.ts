import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  cloudFormationStacks,
  cloudFrontCdn,
  cloudFrontDistributions,
  pnpmWebBuild,
  s3WebBucket,
  secretsManagerOriginSecrets,
} from './aws';
import { deployWeb } from './deployWeb';
import { DEFAULT_WAIT_SECONDS, rotateOriginSecret } from './rotateOriginSecret';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  rootDir: string;
}

export const DEPLOY_WEB_USAGE = `Usage: pnpm deploy:web --stage <stage> [--region <r>] [--edge-region <r>] [--dist <dir>]
         [--skip-build] [--dry-run]

Builds apps/web (pnpm --filter @spendwise/web build), writes config.json from the platform stack's outputs
(issuer, app client) and syncs the build to the edge's bucket: hashed assets/ first ("${'public, max-age=31536000, immutable'}"),
then config.json and index.html ("no-cache"), then deletes stale files, then invalidates /index.html and
/config.json. --region: the platform's and APIs' region (default eu-west-1); --edge-region: the edge stack's
(default us-east-1). --dry-run prints the plan only. Guide: docs/edge.md.`;

export const ROTATE_USAGE = `Usage: pnpm ops:rotate-origin-secret --stage <stage> [--edge-region <r>] [--wait-seconds <n>] [--dry-run]

Puts a new value of the origin secret (the old one stays accepted as AWSPREVIOUS), waits --wait-seconds
(default ${DEFAULT_WAIT_SECONDS}: the services cache the secret for 300 s) and updates the distribution's
x-origin-verify headers. Guide: docs/edge.md.`;

const STAGE = /^[a-z0-9][a-z0-9-]*$/;

const fail = (message: string) => {
  throw new Error(message);
};

function stageOf(value: string | undefined): string {
  if (!value) fail('--stage is required');
  if (!STAGE.test(value!)) fail(`"${value}" is not a stage name`);
  return value!;
}

/** Exit codes: 0 done (or dry run), 1 failed, 2 bad usage. */
export async function runDeployWeb(argv: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stage: { type: 'string' },
        region: { type: 'string', default: 'eu-west-1' },
        'edge-region': { type: 'string', default: 'us-east-1' },
        dist: { type: 'string' },
        'skip-build': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
    if (values.help) {
      io.out(DEPLOY_WEB_USAGE);
      return 0;
    }
    stageOf(values.stage as string | undefined);
  } catch (error) {
    io.err(`deploy:web: ${(error as Error).message}`);
    io.err(DEPLOY_WEB_USAGE);
    return 2;
  }
  const edgeRegion = values['edge-region'] as string;
  const dist = resolve(io.rootDir, (values.dist as string | undefined) ?? 'apps/web/dist');
  try {
    await deployWeb(
      {
        stage: values.stage as string,
        region: values.region as string,
        edgeRegion,
        dryRun: values['dry-run'] as boolean,
        skipBuild: (values['skip-build'] as boolean) || values.dist !== undefined,
      },
      {
        stacks: cloudFormationStacks(),
        bucket: s3WebBucket(edgeRegion),
        cdn: cloudFrontCdn(),
        build: pnpmWebBuild(io.rootDir, dist),
        out: io.out,
      },
    );
    return 0;
  } catch (error) {
    io.err(`deploy:web failed: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

export async function runRotateOriginSecret(argv: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let waitSeconds = DEFAULT_WAIT_SECONDS;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stage: { type: 'string' },
        'edge-region': { type: 'string', default: 'us-east-1' },
        'wait-seconds': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
    if (values.help) {
      io.out(ROTATE_USAGE);
      return 0;
    }
    stageOf(values.stage as string | undefined);
    if (values['wait-seconds'] !== undefined) {
      waitSeconds = Number(values['wait-seconds']);
      if (!Number.isInteger(waitSeconds) || waitSeconds < 0)
        fail('--wait-seconds takes a whole number of seconds');
    }
  } catch (error) {
    io.err(`ops:rotate-origin-secret: ${(error as Error).message}`);
    io.err(ROTATE_USAGE);
    return 2;
  }
  const edgeRegion = values['edge-region'] as string;
  try {
    await rotateOriginSecret(
      { stage: values.stage as string, edgeRegion, waitSeconds, dryRun: values['dry-run'] as boolean },
      {
        stacks: cloudFormationStacks(),
        secrets: secretsManagerOriginSecrets(edgeRegion),
        distributions: cloudFrontDistributions(),
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
        out: io.out,
      },
    );
    return 0;
  } catch (error) {
    io.err(`ops:rotate-origin-secret failed: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}
