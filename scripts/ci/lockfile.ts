/**
 * What a change to pnpm-lock.yaml means per deployable: the resolved packages each one installs (its own
 * dependencies and devDependencies — osls, esbuild and plugins shape the package too — plus, through workspace
 * links, the runtime dependencies of the libraries it bundles), compared between two lockfiles.
 */
import { posix } from 'node:path';
import { parse } from 'yaml';

type DependencyMap = Record<string, { version: string } | string>;

interface Lockfile {
  importers?: Record<
    string,
    { dependencies?: DependencyMap; devDependencies?: DependencyMap; optionalDependencies?: DependencyMap }
  >;
  snapshots?: Record<
    string,
    { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
  >;
}

const versionOf = (entry: { version: string } | string) =>
  typeof entry === 'string' ? entry : entry.version;

/**
 * The resolved `name@version` keys an importer (a workspace directory, `services/catalog`) installs. Unknown
 * importers give an empty set.
 */
export function resolvedClosure(lock: Lockfile, importer: string): Set<string> {
  const closure = new Set<string>();
  const visitedImporters = new Set<string>();
  const queue: string[] = [];
  const visitImporter = (dir: string, withDev: boolean) => {
    if (visitedImporters.has(dir)) return;
    visitedImporters.add(dir);
    const entry = lock.importers?.[dir];
    if (!entry) return;
    const maps = [
      entry.dependencies,
      entry.optionalDependencies,
      ...(withDev ? [entry.devDependencies] : []),
    ];
    for (const map of maps) {
      for (const [name, value] of Object.entries(map ?? {})) {
        const version = versionOf(value);
        if (version.startsWith('link:')) {
          // A workspace library: what it bundles is its runtime dependencies, not its test tooling.
          visitImporter(posix.normalize(posix.join(dir, version.slice('link:'.length))), false);
        } else {
          queue.push(`${name}@${version}`);
        }
      }
    }
  };
  visitImporter(importer, true);
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (closure.has(key)) continue;
    closure.add(key);
    const snapshot = lock.snapshots?.[key];
    for (const map of [snapshot?.dependencies, snapshot?.optionalDependencies]) {
      for (const [name, version] of Object.entries(map ?? {})) {
        if (!version.startsWith('link:')) queue.push(`${name}@${version}`);
      }
    }
  }
  return closure;
}

/** For each importer whose resolved closure differs: how many packages were added and removed. */
export function lockfileChanges(
  baseText: string,
  headText: string,
  importers: string[],
): Map<string, { added: number; removed: number }> {
  const base = parse(baseText) as Lockfile;
  const head = parse(headText) as Lockfile;
  const changes = new Map<string, { added: number; removed: number }>();
  for (const importer of importers) {
    const before = resolvedClosure(base, importer);
    const after = resolvedClosure(head, importer);
    const added = [...after].filter((key) => !before.has(key)).length;
    const removed = [...before].filter((key) => !after.has(key)).length;
    if (added + removed > 0) changes.set(importer, { added, removed });
  }
  return changes;
}
