import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComposeService } from './compose';
import { PackagingError } from './errors';
import { fingerprintService } from './fingerprint';
import { offlineEnv, resolveOsls, runOsls } from './osls';
import type { ProgressEvent } from './progress';
import { withServiceLock } from './serviceLock';
import { templatePath } from './template';

/** Where the fingerprint of the sources a package was built from is kept, next to osls's output. */
export const HASH_FILE = join('.serverless', '.spendwise-package-hash');

const CONFIG_FILES = [
  'serverless.yml',
  'serverless.yaml',
  'serverless.ts',
  'serverless.js',
  'serverless.json',
];

export interface PackageServiceOptions {
  rootDir: string;
  service: ComposeService;
  stage: string;
  region: string;
  /** Package even when the sources are unchanged. */
  force?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /** Stop osls after this long (default 10 minutes). */
  timeoutMs?: number;
}

/** The outcome of packaging one service. */
export interface PackageResult {
  name: string;
  dir: string;
  /** Absolute path of `.serverless/cloudformation-template-update-stack.json`. */
  templatePath: string;
  /** True when the previous package was reused because nothing it depends on changed. */
  cached: boolean;
  durationMs: number;
}

/**
 * Packages one service with `osls package`, offline, unless its sources, stage, region and osls version are
 * those of the package already in `.serverless/`.
 *
 * @throws PackagingError with osls's output when packaging fails
 */
export async function packageService(options: PackageServiceOptions): Promise<PackageResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const cached = await withServiceLock(options.service.dir, () => packageUnlessUnchanged(options, elapsed));
    return {
      name: options.service.name,
      dir: options.service.dir,
      templatePath: templatePath(options.service.dir),
      cached,
      durationMs: elapsed(),
    };
  } catch (cause) {
    const error =
      cause instanceof PackagingError
        ? cause
        : new PackagingError(
            options.service.name,
            null,
            cause instanceof Error ? cause.message : String(cause),
            {
              cause,
            },
          );
    options.onProgress?.({ type: 'failed', service: options.service.name, durationMs: elapsed(), error });
    throw error;
  }
}

/** Returns true when the existing package was kept. */
async function packageUnlessUnchanged(
  options: PackageServiceOptions,
  elapsed: () => number,
): Promise<boolean> {
  const { service, rootDir, stage, onProgress } = options;
  const region = service.region ?? options.region;
  assertServiceConfig(service);
  const osls = resolveOsls(service.dir);
  const fingerprint = await fingerprintService({
    rootDir,
    serviceDir: service.dir,
    stage,
    region,
    oslsVersion: osls.version,
    extra: { config: service.config ?? null, params: service.params },
  });
  const hashFile = join(service.dir, HASH_FILE);
  if (!options.force && (await readHash(hashFile)) === fingerprint && existsSync(templatePath(service.dir))) {
    onProgress?.({ type: 'cached', service: service.name, durationMs: elapsed() });
    return true;
  }

  onProgress?.({ type: 'start', service: service.name });
  await rm(hashFile, { force: true });
  const args = ['package', '--stage', stage, '--region', region];
  if (service.config) args.push('--config', service.config);
  for (const [key, value] of Object.entries(service.params)) args.push('--param', `${key}=${value}`);
  const run = await runOsls(osls, args, {
    cwd: service.dir,
    env: offlineEnv(),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (run.exitCode !== 0) throw new PackagingError(service.name, run.exitCode, run.output);
  if (!existsSync(templatePath(service.dir))) {
    throw new PackagingError(service.name, 0, `${run.output}\n(osls wrote no ${templatePath(service.dir)})`);
  }
  await writeFile(hashFile, `${fingerprint}\n`);
  onProgress?.({ type: 'done', service: service.name, durationMs: elapsed() });
  return false;
}

function assertServiceConfig(service: ComposeService): void {
  const candidates = service.config ? [service.config] : CONFIG_FILES;
  if (!candidates.some((name) => existsSync(join(service.dir, name)))) {
    throw new PackagingError(
      service.name,
      null,
      `No ${candidates.join(' / ')} in ${service.dir}: serverless-compose.yml lists a service that does not exist yet`,
    );
  }
}

async function readHash(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}
