/**
 * The offline change set: what CloudFormation would add, modify and remove between two packaged templates
 * (or against an empty stack), by logical id, the way `aws cloudformation describe-change-set` lists it.
 * Pure; artifact digests come from the caller (see artifacts.ts).
 */
import type { CfnTemplate } from '../../packages/packager/src/template';

export type ChangeAction = 'Add' | 'Modify' | 'Remove';

export interface ResourceChange {
  action: ChangeAction;
  logicalId: string;
  type: string;
  /** For Modify: the changed attribute paths (`Properties.Environment.Variables.TABLE`, `Properties.Code`). */
  paths: string[];
}

export interface TemplateDiff {
  resources: ResourceChange[];
  /** Outputs added, changed or removed, as `+Name`, `~Name`, `-Name`. */
  outputs: string[];
}

/**
 * osls writes a deployment directory with a timestamp into every function's S3Key
 * (`serverless/<service>/<stage>/<millis>-<iso date>/<artifact>.zip`), so the key changes on each package.
 * A key becomes `<artifact>.zip` plus the digest of the zip's entries, so only a code change shows.
 */
const ARTIFACT_KEY = /^serverless\/[^/]+\/[^/]+\/\d+-[^/]+\/(.+)$/;

/** Digests of the artifacts a template refers to, by file name (`createCategory.zip` → sha256 of its entries). */
export type ArtifactDigests = Record<string, string>;

/** Copies a template with each artifact key replaced by its file name and content digest. */
export function normaliseTemplate(template: CfnTemplate, digests: ArtifactDigests = {}): CfnTemplate {
  return rewrite(template, (value) => {
    const match = ARTIFACT_KEY.exec(value);
    if (!match) return value;
    const file = match[1]!;
    return `${file}#${digests[file] ?? 'unknown'}`;
  }) as CfnTemplate;
}

function rewrite(node: unknown, map: (value: string) => string): unknown {
  if (typeof node === 'string') return map(node);
  if (Array.isArray(node)) return node.map((item) => rewrite(item, map));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, rewrite(value, map)]));
  }
  return node;
}

/**
 * Compares two templates resource by resource. `base` undefined stands for a stack that does not exist yet:
 * everything is added.
 *
 * @example diffTemplates(undefined, head).resources.every((c) => c.action === 'Add') // true
 */
export function diffTemplates(base: CfnTemplate | undefined, head: CfnTemplate): TemplateDiff {
  const before = base?.Resources ?? {};
  const after = head.Resources;
  const resources: ResourceChange[] = [];
  for (const [logicalId, resource] of Object.entries(after)) {
    const old = before[logicalId];
    if (!old) {
      resources.push({ action: 'Add', logicalId, type: resource.Type, paths: [] });
    } else if (old.Type !== resource.Type) {
      // A new type under the same logical id is a replacement: CloudFormation removes and adds.
      resources.push({ action: 'Remove', logicalId, type: old.Type, paths: [] });
      resources.push({ action: 'Add', logicalId, type: resource.Type, paths: [] });
    } else {
      const paths = changedPaths(old, resource, '', 3);
      if (paths.length > 0) resources.push({ action: 'Modify', logicalId, type: resource.Type, paths });
    }
  }
  for (const [logicalId, resource] of Object.entries(before)) {
    if (!(logicalId in after))
      resources.push({ action: 'Remove', logicalId, type: resource.Type, paths: [] });
  }
  const rank: Record<ChangeAction, number> = { Add: 0, Modify: 1, Remove: 2 };
  resources.sort((a, b) => rank[a.action] - rank[b.action] || a.logicalId.localeCompare(b.logicalId));

  const outputsBefore = (base?.Outputs ?? {}) as Record<string, unknown>;
  const outputsAfter = (head.Outputs ?? {}) as Record<string, unknown>;
  const outputs = [
    ...Object.keys(outputsAfter)
      .filter((name) => !(name in outputsBefore))
      .map((name) => `+${name}`),
    ...Object.keys(outputsAfter)
      .filter((name) => name in outputsBefore && !equal(outputsBefore[name], outputsAfter[name]))
      .map((name) => `~${name}`),
    ...Object.keys(outputsBefore)
      .filter((name) => !(name in outputsAfter))
      .map((name) => `-${name}`),
  ];
  return { resources, outputs };
}

/** Attribute paths that differ, down to `depth` levels (`Properties.Environment.Variables`). */
function changedPaths(a: unknown, b: unknown, prefix: string, depth: number): string[] {
  if (equal(a, b)) return [];
  if (depth === 0 || !isRecord(a) || !isRecord(b)) return [prefix || '(whole resource)'];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((key) => changedPaths(a[key], b[key], prefix ? `${prefix}.${key}` : key, depth - 1));
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canonical);
  if (isRecord(node)) {
    return Object.fromEntries(
      Object.keys(node)
        .sort()
        .map((key) => [key, canonical(node[key])]),
    );
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text for one service: counts, then one line per change (`+`, `~` with paths, `-`). */
export function formatDiff(service: string, diff: TemplateDiff, against: string): string {
  const count = (action: ChangeAction) => diff.resources.filter((c) => c.action === action).length;
  const lines = [
    `${service}: ${count('Add')} to add, ${count('Modify')} to modify, ${count('Remove')} to remove (${against})`,
  ];
  const sign: Record<ChangeAction, string> = { Add: '+', Modify: '~', Remove: '-' };
  const width = Math.max(0, ...diff.resources.map((c) => c.type.length));
  for (const change of diff.resources) {
    const paths = change.paths.length > 0 ? `  (${change.paths.join(', ')})` : '';
    lines.push(`  ${sign[change.action]} ${change.type.padEnd(width)}  ${change.logicalId}${paths}`);
  }
  if (diff.outputs.length > 0) lines.push(`  outputs: ${diff.outputs.join(' ')}`);
  return lines.join('\n');
}
