import { availableParallelism } from 'node:os';
import { COMPOSE_FILE, type ComposeService, readCompose, topologicalOrder } from './compose';
import { ComposeError, PackagingError, PackagingFailedError } from './errors';
import { type PackageResult, packageService } from './packageService';
import type { ProgressEvent } from './progress';

/** Default region, the one the services' serverless.yml files default to. */
export const DEFAULT_REGION = 'eu-west-1';

/**
 * How many services are packaged at once: one per core. Measured on 2 cores with three independent services
 * (forced): 8.4-10.2 s one at a time, 5.6-6.5 s two at a time, no better with three — osls spends part of
 * its time waiting on start-up and I/O. See docs/runbooks/packaging.md.
 */
export const DEFAULT_CONCURRENCY = Math.max(1, availableParallelism());

export interface PackageServicesOptions {
  /** Repository root, holding serverless-compose.yml. */
  rootDir: string;
  stage?: string;
  region?: string;
  /** Only these services (names from serverless-compose.yml); all when omitted or empty. */
  services?: string[];
  /** Package even the services whose sources have not changed. */
  force?: boolean;
  /** Services packaged at the same time, among those whose dependencies are done. */
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
  composeFile?: string;
  timeoutMs?: number;
}

/**
 * Packages the services of serverless-compose.yml with osls, offline, in dependsOn order, reusing every
 * package whose sources have not changed.
 *
 * @example
 * const results = await packageServices({ rootDir: process.cwd(), stage: 'dev', onProgress: consoleProgress });
 * @throws PackagingFailedError listing every service that failed, with osls's output
 */
export async function packageServices(options: PackageServicesOptions): Promise<PackageResult[]> {
  const stage = options.stage ?? 'dev';
  const region = options.region ?? DEFAULT_REGION;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const all = await readCompose(options.rootDir, options.composeFile ?? COMPOSE_FILE);
  const selected = selectServices(all, options.services ?? []);
  options.onProgress?.({
    type: 'plan',
    services: selected.map((s) => s.name),
    concurrency,
    stage,
    region,
  });

  const selectedNames = new Set(selected.map((s) => s.name));
  const results = new Map<string, PackageResult>();
  const failures: PackagingError[] = [];
  const blocked = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let pending = selected;

  const isReady = (service: ComposeService) =>
    service.dependsOn.every((d) => !selectedNames.has(d) || results.has(d));
  const isBlocked = (service: ComposeService) => service.dependsOn.some((d) => blocked.has(d));

  while (pending.length > 0 || running.size > 0) {
    for (const service of pending.filter(isBlocked)) {
      blocked.add(service.name);
      options.onProgress?.({ type: 'skipped', service: service.name, reason: 'a dependency failed' });
    }
    pending = pending.filter((s) => !blocked.has(s.name));
    for (const service of pending.filter(isReady)) {
      if (running.size >= concurrency) break;
      pending = pending.filter((s) => s !== service);
      const task = packageService({ ...options, service, stage, region })
        .then((result) => {
          results.set(service.name, result);
        })
        .catch((error: unknown) => {
          blocked.add(service.name);
          failures.push(asPackagingError(service.name, error));
        })
        .finally(() => running.delete(service.name));
      running.set(service.name, task);
    }
    if (running.size === 0 && pending.length > 0) {
      throw new ComposeError(`cannot order services: ${pending.map((s) => s.name).join(', ')}`);
    }
    if (running.size > 0) await Promise.race(running.values());
  }

  if (failures.length > 0) throw new PackagingFailedError(failures);
  return selected.map((s) => results.get(s.name)!);
}

/** The services named in `names` (all when empty), in dependency order; unknown names are an error. */
export function selectServices(all: ComposeService[], names: string[]): ComposeService[] {
  const known = new Set(all.map((s) => s.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ComposeError(
      `unknown service(s) ${unknown.join(', ')}; serverless-compose.yml has ${[...known].join(', ')}`,
    );
  }
  const ordered = topologicalOrder(all);
  return names.length === 0 ? ordered : ordered.filter((s) => names.includes(s.name));
}

function asPackagingError(service: string, error: unknown): PackagingError {
  if (error instanceof PackagingError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PackagingError(service, null, message, { cause: error });
}
