/**
 * The JSONPath subset EventBridge evaluates in InputPath and InputPathsMap: `$`, dot members (letters, digits,
 * `_`, `-`, `/`), array indexes `[0]` and wildcards `.*` / `[*]`. A path with a wildcard yields an array.
 */

type Segment = { key: string } | { index: number } | { wildcard: true };

export class InvalidJsonPathError extends Error {
  constructor(path: string) {
    super(`'${path}' is not a JSON path EventBridge supports (use $.dot.notation with [index] or *)`);
    this.name = 'InvalidJsonPathError';
  }
}

const SEGMENT = /^(?:\.([A-Za-z0-9_\-/]+)|\.\*|\[(\d+)\]|\[\*\])/;

/** Splits `$.detail.items[0].name` into its segments; throws `InvalidJsonPathError` for anything else. */
export function parseJsonPath(path: string): Segment[] {
  if (!path.startsWith('$')) throw new InvalidJsonPathError(path);
  const segments: Segment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) throw new InvalidJsonPathError(path);
    if (match[1] !== undefined) segments.push({ key: match[1] });
    else if (match[2] !== undefined) segments.push({ index: Number(match[2]) });
    else segments.push({ wildcard: true });
    rest = rest.slice(match[0].length);
  }
  return segments;
}

export type PathValue = { found: true; value: unknown } | { found: false };

/** Reads a path from a JSON document; `found: false` when nothing is there. */
export function readJsonPath(document: unknown, path: string): PathValue {
  const segments = parseJsonPath(path);
  let nodes: unknown[] = [document];
  for (const segment of segments) nodes = nodes.flatMap((node) => step(node, segment));
  if (segments.some((segment) => 'wildcard' in segment)) {
    return nodes.length > 0 ? { found: true, value: nodes } : { found: false };
  }
  return nodes.length === 1 ? { found: true, value: nodes[0] } : { found: false };
}

function step(node: unknown, segment: Segment): unknown[] {
  if (typeof node !== 'object' || node === null) return [];
  if ('wildcard' in segment) return Object.values(node);
  if ('index' in segment)
    return Array.isArray(node) && segment.index < node.length ? [node[segment.index]] : [];
  if (Array.isArray(node) || !Object.hasOwn(node, segment.key)) return [];
  return [(node as Record<string, unknown>)[segment.key]];
}
