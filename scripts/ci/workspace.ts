import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One package of the pnpm workspace, as the deploy planner sees it. */
export interface WorkspacePackage {
  /** `name` of its package.json (`@spendwise/catalog`). */
  name: string;
  /** Directory relative to the repository root, POSIX separators, no trailing slash (`services/catalog`). */
  dir: string;
  /**
   * Workspace packages it bundles: its `dependencies` on other workspace packages. `devDependencies` are left
   * out on purpose — test-kit or local-cloud never end up in a Lambda bundle, so changing them deploys nothing.
   */
  dependencies: string[];
}

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
}

/**
 * Reads the workspace's packages from pnpm-workspace.yaml (`dir/*` patterns, the only form the repository
 * uses) and their package.json files.
 *
 * @example readWorkspace('/repo').find((p) => p.dir === 'services/catalog')?.dependencies
 */
export function readWorkspace(rootDir: string): WorkspacePackage[] {
  const config = parse(readFileSync(join(rootDir, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: string[] };
  const dirs: string[] = [];
  for (const pattern of config.packages ?? []) {
    const match = /^([\w.-]+(?:\/[\w.-]+)*)\/\*$/.exec(pattern);
    if (!match) {
      throw new Error(
        `pnpm-workspace.yaml: pattern "${pattern}" is not of the form "dir/*" the planner reads`,
      );
    }
    const parent = match[1]!;
    if (!existsSync(join(rootDir, parent))) continue;
    for (const entry of readdirSync(join(rootDir, parent), { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(rootDir, parent, entry.name, 'package.json'))) {
        dirs.push(`${parent}/${entry.name}`);
      }
    }
  }
  const manifests = dirs.map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(rootDir, dir, 'package.json'), 'utf8')) as Manifest,
  }));
  const names = new Set(manifests.map((m) => m.manifest.name).filter((n): n is string => Boolean(n)));
  return manifests
    .filter((m): m is { dir: string; manifest: Manifest & { name: string } } => Boolean(m.manifest.name))
    .map(({ dir, manifest }) => ({
      name: manifest.name,
      dir,
      dependencies: Object.keys(manifest.dependencies ?? {})
        .filter((dependency) => names.has(dependency))
        .sort(),
    }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}
