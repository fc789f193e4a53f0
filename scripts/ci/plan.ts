/**
 * The deploy planner's core: changed files → workspace packages → the services (and the web app) that bundle
 * them, plus their dependants, in serverless-compose.yml order. Pure: callers read git and the file system.
 */
import type { WorkspacePackage } from './workspace';

/** A service of serverless-compose.yml, with its directory relative to the repository root. */
export interface PlanService {
  name: string;
  /** POSIX path relative to the root (`services/catalog`). */
  dir: string;
  dependsOn: string[];
  region?: string;
}

/** What one changed file means for the deploy. */
export interface FileEffect {
  file: string;
  /** `package`: a bundled file of a workspace package; `all`: every deployable; `compose`: an entry of the compose file. */
  effect: 'package' | 'all' | 'compose' | 'lockfile' | 'none';
  /** The workspace package the file belongs to (or feeds, for events/). */
  package?: string;
  note: string;
}

export interface PlanTarget {
  /** A compose service name, or `web` for the web app (`pnpm deploy:web`, after the edge). */
  name: string;
  kind: 'service' | 'web';
  region?: string;
  /** Why it deploys, most direct reason first. */
  reasons: string[];
}

export interface DeployPlan {
  files: FileEffect[];
  /** What deploys, in order: compose `dependsOn` levels (declaration order inside a level), the web app last. */
  targets: PlanTarget[];
  /** Deployables left alone. */
  unchanged: string[];
  /** Compose services that exist at the base but not at head: the pipeline never deletes a stack. */
  removed: string[];
}

export interface PlanInput {
  changedFiles: string[];
  packages: WorkspacePackage[];
  /** Compose services at head. */
  services: PlanService[];
  /** Compose services at the base, when serverless-compose.yml changed (to tell which entries changed). */
  baseServices?: PlanService[];
  /** The web app's workspace directory; it deploys after the edge. */
  webDir?: string;
  /**
   * When pnpm-lock.yaml changed and both versions were read: the deployables (by directory) whose resolved
   * dependencies changed (lockfile.ts). Without it, a lockfile change deploys everything.
   */
  lockfileChanges?: Map<string, { added: number; removed: number }>;
}

/**
 * Files outside every workspace package whose change rebuilds every bundle: dependency versions, the
 * workspace layout, compiler settings. (They are the packager's shared fingerprint inputs too.)
 */
export const GLOBAL_INPUTS = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];

export const LOCKFILE = 'pnpm-lock.yaml';

/**
 * Directories outside the workspace packages that a package (by directory) is built from. events/ holds the event schemas
 * that @spendwise/contracts' generated validators and types come from, so a change there counts as a change
 * of contracts and reaches every service through the dependency graph.
 */
export const EXTRA_INPUTS: Record<string, string> = { 'events/': 'packages/contracts' };

export const COMPOSE_FILE = 'serverless-compose.yml';

/** Inside a package: files that never reach a bundle or a template. */
const NOT_SHIPPED = [
  /(^|\/)(tests?|__tests__|fixtures|node_modules|\.serverless|\.esbuild|coverage|dist)\//,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /\.md$/,
];

/**
 * Computes what deploys for a list of changed files.
 *
 * @example
 * planDeploy({ changedFiles: ['packages/lambda-kit/src/http.ts'], packages, services }).targets.map((t) => t.name)
 * // ['catalog', 'expenses', 'insights', 'notifications', 'edge']
 */
export function planDeploy(input: PlanInput): DeployPlan {
  const changes = classifyFiles(input);
  const deployables = [
    ...input.services.map((s) => ({ name: s.name, dir: s.dir })),
    ...(input.webDir ? [{ name: 'web', dir: input.webDir }] : []),
  ];
  const reasons = new Reasons();
  for (const deployable of deployables) directReasons(deployable, input, changes, reasons);

  // Compose dependants: a service resolves what it depends on at deploy time (SSM dynamic references,
  // naming conventions), so it deploys again after them — platform first, the edge after the APIs.
  const order = composeOrder(input.services);
  for (const service of order) {
    const deploying = service.dependsOn.filter((dependency) => reasons.has(dependency));
    if (deploying.length > 0) {
      reasons.add(
        service.name,
        `depends on ${deploying.join(', ')} (${COMPOSE_FILE} dependsOn), deployed before it`,
      );
    }
  }
  // The web app's config.json is written from the platform stack's outputs (issuer, app client).
  if (input.webDir && reasons.has('platform'))
    reasons.add('web', 'its config.json comes from the platform stack');

  const targets: PlanTarget[] = order
    .filter((service) => reasons.has(service.name))
    .map((service) => ({
      name: service.name,
      kind: 'service' as const,
      ...(service.region ? { region: service.region } : {}),
      reasons: reasons.of(service.name),
    }));
  if (input.webDir && reasons.has('web'))
    targets.push({ name: 'web', kind: 'web', reasons: reasons.of('web') });
  return {
    files: changes.files,
    targets,
    unchanged: deployables.map((d) => d.name).filter((name) => !reasons.has(name)),
    removed: changes.removed,
  };
}

class Reasons {
  private readonly byName = new Map<string, string[]>();
  add(name: string, reason: string): void {
    this.byName.set(name, [...this.of(name), reason]);
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  of(name: string): string[] {
    return this.byName.get(name) ?? [];
  }
}

interface Changes {
  files: FileEffect[];
  /** Changed bundled files by workspace package name. */
  packages: Map<string, string[]>;
  /** The first global input that changed, if any: everything deploys. */
  everything?: string;
  /** pnpm-lock.yaml changed and is compared per deployable. */
  lockfile?: boolean;
  composeChanged: Map<string, string>;
  removed: string[];
}

function classifyFiles(input: PlanInput): Changes {
  const serviceDirs = new Set(input.services.map((s) => s.dir));
  const changes: Changes = { files: [], packages: new Map(), composeChanged: new Map(), removed: [] };
  for (const file of [...new Set(input.changedFiles)].sort()) {
    const effect = fileEffect(file, input, serviceDirs);
    changes.files.push(effect);
    if (effect.effect === 'package' && effect.package) {
      changes.packages.set(effect.package, [...(changes.packages.get(effect.package) ?? []), file]);
    } else if (effect.effect === 'all') {
      changes.everything ??= file;
    } else if (effect.effect === 'lockfile') {
      changes.lockfile = true;
    } else if (effect.effect === 'compose') {
      const diff = composeDiff(input.baseServices, input.services);
      changes.composeChanged = diff.changed;
      changes.removed = diff.removed;
    }
  }
  return changes;
}

function directReasons(
  deployable: { name: string; dir: string },
  input: PlanInput,
  changes: Changes,
  reasons: Reasons,
): void {
  if (changes.everything) {
    reasons.add(deployable.name, `${changes.everything} changed (every bundle is rebuilt)`);
  }
  const locked = changes.lockfile ? input.lockfileChanges?.get(deployable.dir) : undefined;
  if (locked) {
    reasons.add(
      deployable.name,
      `${LOCKFILE}: what it installs changed (${locked.added} resolved package(s) added, ${locked.removed} removed)`,
    );
  }
  const composeReason = changes.composeChanged.get(deployable.name);
  if (composeReason) reasons.add(deployable.name, composeReason);
  const pkg = input.packages.find((p) => p.dir === deployable.dir);
  if (!pkg) return;
  const own = changes.packages.get(pkg.name);
  if (own) reasons.add(deployable.name, `changed: ${summarise(own)}`);
  const byName = new Map(input.packages.map((p) => [p.name, p]));
  for (const path of pathsToChanged(pkg.name, byName, changes.packages)) {
    const changed = path[path.length - 1]!;
    const via = path.length > 2 ? ` via ${path.slice(1, -1).join(' → ')}` : '';
    reasons.add(
      deployable.name,
      `bundles ${changed}${via} (changed: ${summarise(changes.packages.get(changed)!)})`,
    );
  }
}

function fileEffect(file: string, input: PlanInput, serviceDirs: Set<string>): FileEffect {
  if (file === LOCKFILE && input.lockfileChanges) {
    return { file, effect: 'lockfile', note: 'resolved dependencies compared per service' };
  }
  if (GLOBAL_INPUTS.includes(file)) return { file, effect: 'all', note: 'shared build input: every bundle' };
  if (file === COMPOSE_FILE) return { file, effect: 'compose', note: 'compose entries compared' };
  const owner = input.packages
    .filter((p) => file.startsWith(`${p.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (owner) {
    const inside = file.slice(owner.dir.length + 1);
    if (NOT_SHIPPED.some((pattern) => pattern.test(inside))) {
      return {
        file,
        effect: 'none',
        package: owner.name,
        note: `${owner.name}: test or doc file, not shipped`,
      };
    }
    // A library ships its src/ and package.json only (as the packager fingerprints it); a service or app
    // ships everything that is not a test (serverless.yml, resources/, src/, build config).
    const deployable = serviceDirs.has(owner.dir) || owner.dir === input.webDir;
    if (!deployable && !(inside.startsWith('src/') || inside === 'package.json')) {
      return { file, effect: 'none', package: owner.name, note: `${owner.name}: outside src/, not bundled` };
    }
    return { file, effect: 'package', package: owner.name, note: owner.name };
  }
  for (const [prefix, dir] of Object.entries(EXTRA_INPUTS)) {
    const pkg = input.packages.find((p) => p.dir === dir);
    if (file.startsWith(prefix) && pkg) {
      return { file, effect: 'package', package: pkg.name, note: `${pkg.name} is generated from ${prefix}` };
    }
  }
  return { file, effect: 'none', note: 'not bundled by any service' };
}

/** Every dependency path from `from` to a changed package (`[from, …, changed]`), shortest first, one per changed package. */
function pathsToChanged(
  from: string,
  byName: Map<string, WorkspacePackage>,
  changed: Map<string, string[]>,
): string[][] {
  const found = new Map<string, string[]>();
  const queue: string[][] = [[from]];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const dependency of byName.get(path[path.length - 1]!)?.dependencies ?? []) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      const next = [...path, dependency];
      if (changed.has(dependency) && !found.has(dependency)) found.set(dependency, next);
      queue.push(next);
    }
  }
  return [...found.values()];
}

function composeDiff(
  base: PlanService[] | undefined,
  head: PlanService[],
): { changed: Map<string, string>; removed: string[] } {
  const changed = new Map<string, string>();
  if (!base) {
    for (const service of head) changed.set(service.name, `${COMPOSE_FILE} changed (no base to compare)`);
    return { changed, removed: [] };
  }
  const before = new Map(base.map((s) => [s.name, s]));
  for (const service of head) {
    const old = before.get(service.name);
    if (!old) changed.set(service.name, `added to ${COMPOSE_FILE}`);
    else if (entryKey(old) !== entryKey(service))
      changed.set(service.name, `its ${COMPOSE_FILE} entry changed`);
  }
  const removed = base.filter((s) => !head.some((h) => h.name === s.name)).map((s) => s.name);
  return { changed, removed };
}

function entryKey(service: PlanService): string {
  return JSON.stringify([service.dir, [...service.dependsOn].sort(), service.region ?? null]);
}

/** Compose `dependsOn` levels, declaration order inside a level (the packager's order). */
export function composeOrder(services: PlanService[]): PlanService[] {
  const placed = new Set<string>();
  const order: PlanService[] = [];
  let remaining = services;
  while (remaining.length > 0) {
    const ready = remaining.filter((s) => s.dependsOn.every((d) => placed.has(d)));
    if (ready.length === 0) throw new Error(`dependsOn forms a cycle among: ${remaining.map((s) => s.name)}`);
    for (const service of ready) placed.add(service.name);
    order.push(...ready);
    remaining = remaining.filter((s) => !placed.has(s.name));
  }
  return order;
}

function summarise(files: string[]): string {
  return files.length <= 2
    ? files.join(', ')
    : `${files.slice(0, 2).join(', ')} and ${files.length - 2} more`;
}

/** The plan as text: files, then what deploys in order and why. */
export function formatPlan(plan: DeployPlan, header: string): string {
  const lines = [header, '', 'changed files:'];
  if (plan.files.length === 0) lines.push('  (none)');
  for (const file of plan.files) lines.push(`  ${file.file}  →  ${file.note}`);
  lines.push('', plan.targets.length > 0 ? 'deploys, in order:' : 'deploys: nothing');
  plan.targets.forEach((target, index) => {
    const where = target.kind === 'web' ? 'pnpm deploy:web' : (target.region ?? 'default region');
    lines.push(`  ${index + 1}. ${target.name} (${where})`);
    for (const reason of target.reasons) lines.push(`       - ${reason}`);
  });
  if (plan.unchanged.length > 0) lines.push('', `unchanged: ${plan.unchanged.join(', ')}`);
  for (const name of plan.removed) {
    lines.push(
      '',
      `removed from ${COMPOSE_FILE}: ${name} — its stacks stay; remove them by hand (docs/delivery.md)`,
    );
  }
  return lines.join('\n');
}
