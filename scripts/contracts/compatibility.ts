import type { Fingerprint } from './fingerprint';

/** How one field changed between two fingerprints of the same schema version. */
export type FieldChangeKind =
  | 'removed'
  | 'retyped'
  | 'became-optional'
  | 'became-required'
  | 'added-required'
  | 'added-optional';

/** One changed field; `breaking` when events valid before may now fail, or consumers may miss what they read. */
export interface FieldChange {
  readonly path: string;
  readonly kind: FieldChangeKind;
  readonly before?: string;
  readonly after?: string;
  readonly breaking: boolean;
}

interface Field {
  readonly required: boolean;
  readonly types: string;
}

function parseField(description: string): Field {
  const [presence, types = ''] = description.split(' ');
  return { required: presence === 'required', types };
}

/** The parent field of a path: `a.b[]` for `a.b[].c`, `a.b` for `a.b[]`, '' for a top-level field. */
export function parentPath(path: string): string {
  if (path.endsWith('[]')) return path.slice(0, -2);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}

/**
 * Compares the fingerprint a version was published with (`before`) to the one its schema has now (`after`).
 * Breaking: a field removed or retyped, a required field turned optional (consumers read it), an optional
 * field turned required, or a required field added to an object that existed (events already published
 * without it would no longer validate). Adding an optional field is compatible.
 */
export function diffFingerprints(before: Fingerprint, after: Fingerprint): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [path, was] of Object.entries(before)) {
    const now = after[path];
    if (now === undefined) {
      changes.push({ path, kind: 'removed', before: was, breaking: true });
      continue;
    }
    const [old, current] = [parseField(was), parseField(now)];
    if (old.types !== current.types)
      changes.push({ path, kind: 'retyped', before: was, after: now, breaking: true });
    if (old.required && !current.required) {
      changes.push({ path, kind: 'became-optional', before: was, after: now, breaking: true });
    }
    if (!old.required && current.required) {
      changes.push({ path, kind: 'became-required', before: was, after: now, breaking: true });
    }
  }
  for (const [path, now] of Object.entries(after)) {
    if (path in before) continue;
    const parent = parentPath(path);
    const parentExisted = parent === '' || parent in before;
    const kind = parseField(now).required ? 'added-required' : 'added-optional';
    changes.push({ path, kind, after: now, breaking: kind === 'added-required' && parentExisted });
  }
  return changes;
}

/** One line per change, for CLI output and test failures. */
export function formatChanges(changes: readonly FieldChange[]): string {
  return changes
    .map(
      (change) =>
        `  ${change.breaking ? 'BREAKING' : 'ok'} ${change.kind} ${change.path}: ${change.before ?? '-'} -> ${change.after ?? '-'}`,
    )
    .join('\n');
}
