import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ComposeError } from './errors';

/** The compose file every Spendwise tool reads, relative to the repository root. */
export const COMPOSE_FILE = 'serverless-compose.yml';

/** One service of serverless-compose.yml, with its directory resolved against the repository root. */
export interface ComposeService {
  /** The service's key in serverless-compose.yml (`platform`, `expenses`, …). */
  name: string;
  /** Absolute directory of the service. */
  dir: string;
  /** Names of the services it depends on (`dependsOn`). */
  dependsOn: string[];
  /** Region pinned for this service in the compose file, if any (overrides the packaging region). */
  region?: string;
  /** Custom osls configuration file name (`config`), if any. */
  config?: string;
  /** Literal `--param key=value` pairs (`params`). */
  params: Record<string, string>;
}

/** Reads `serverless-compose.yml` from `rootDir` and returns its services in declaration order. */
export async function readCompose(rootDir: string, file = COMPOSE_FILE): Promise<ComposeService[]> {
  const path = resolve(rootDir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ComposeError(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseCompose(text, rootDir, path);
}

/**
 * Parses the text of a compose file. Only what packaging needs is read (`path`, `dependsOn`, `region`,
 * `config`, `params`); compose variables (`${…}`) are rejected because they cannot be resolved offline.
 */
export function parseCompose(text: string, rootDir: string, label = COMPOSE_FILE): ComposeService[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new ComposeError(`${label} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const services = isRecord(document) ? document.services : undefined;
  if (!isRecord(services) || Object.keys(services).length === 0) {
    throw new ComposeError(`${label} has no "services" map`);
  }
  const parsed = Object.entries(services).map(([name, value]) => parseService(name, value, rootDir, label));
  dependencyLevels(parsed); // validates references and cycles up front
  return parsed;
}

function parseService(name: string, value: unknown, rootDir: string, label: string): ComposeService {
  if (!isRecord(value) || typeof value.path !== 'string' || value.path.length === 0) {
    throw new ComposeError(`${label}: service "${name}" needs a "path"`);
  }
  const rawDeps = value.dependsOn ?? [];
  const dependsOn = typeof rawDeps === 'string' ? [rawDeps] : rawDeps;
  if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string')) {
    throw new ComposeError(`${label}: "dependsOn" of service "${name}" must be a name or a list of names`);
  }
  const params = isRecord(value.params) ? value.params : {};
  const literalParams = Object.fromEntries(
    Object.entries(params).map(([key, param]) => {
      const text = String(param);
      if (text.includes('${')) {
        throw new ComposeError(
          `${label}: param "${key}" of service "${name}" uses a compose variable (${text}); ` +
            'services wire by naming convention and SSM, so params must be literal',
        );
      }
      return [key, text];
    }),
  );
  return {
    name,
    dir: resolve(rootDir, value.path),
    dependsOn,
    ...(typeof value.region === 'string' ? { region: value.region } : {}),
    ...(typeof value.config === 'string' ? { config: value.config } : {}),
    params: literalParams,
  };
}

/**
 * Groups services into levels: every service's dependencies are in earlier levels, so the services of one
 * level may be packaged in parallel. Declaration order is kept inside a level.
 *
 * @example dependencyLevels(services).map((level) => level.map((s) => s.name)) // [['platform'], ['expenses']]
 */
export function dependencyLevels(services: ComposeService[]): ComposeService[][] {
  const known = new Set(services.map((s) => s.name));
  for (const service of services) {
    for (const dependency of service.dependsOn) {
      if (!known.has(dependency)) {
        throw new ComposeError(`service "${service.name}" depends on unknown service "${dependency}"`);
      }
    }
  }
  const levels: ComposeService[][] = [];
  const placed = new Set<string>();
  let remaining = services;
  while (remaining.length > 0) {
    const ready = remaining.filter((s) => s.dependsOn.every((d) => placed.has(d)));
    if (ready.length === 0) {
      throw new ComposeError(`dependsOn forms a cycle among: ${remaining.map((s) => s.name).join(', ')}`);
    }
    levels.push(ready);
    for (const service of ready) placed.add(service.name);
    remaining = remaining.filter((s) => !placed.has(s.name));
  }
  return levels;
}

/** Services in an order where each comes after everything it depends on. */
export function topologicalOrder(services: ComposeService[]): ComposeService[] {
  return dependencyLevels(services).flat();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
