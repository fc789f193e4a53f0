import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from './catalogue';
import { diffFingerprints, type FieldChange } from './compatibility';
import { type Fingerprint, fingerprintSchema } from './fingerprint';

/** Where the fingerprints of published event versions live, relative to the repository root. */
export const PUBLISHED_FILE = 'events/published.json';

/** The fingerprint of one published version. */
export interface PublishedVersion {
  readonly schema: string;
  readonly fields: Fingerprint;
}

/** The content of events/published.json, keyed `<DetailType>.v<N>`. */
export interface PublishedCatalogue {
  readonly $comment: string;
  readonly versions: Readonly<Record<string, PublishedVersion>>;
}

/** What `pnpm events:publish` would do, and what stops it. */
export interface PublishPlan {
  readonly next: PublishedCatalogue;
  /** Versions published for the first time. */
  readonly added: readonly string[];
  /** Published versions that gained optional fields. */
  readonly extended: readonly string[];
  /** Published versions whose schema changed incompatibly. */
  readonly breaking: ReadonlyArray<{ key: string; changes: readonly FieldChange[] }>;
  /** Published versions whose schema file is gone. */
  readonly missing: readonly string[];
}

const COMMENT =
  'Fingerprints of every published event version, written by `pnpm events:publish`. A published version may gain optional fields, nothing else: anything more needs a new version.';

/** Reads events/published.json (an empty catalogue when it does not exist yet). */
export function readPublished(root: string): PublishedCatalogue {
  const file = join(root, PUBLISHED_FILE);
  if (!existsSync(file)) return { $comment: COMMENT, versions: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as PublishedCatalogue;
}

/** The current fingerprint of every event schema version, keyed `<DetailType>.v<N>`. */
export function currentVersions(catalogue: Catalogue): Map<string, PublishedVersion> {
  const versions = new Map<string, PublishedVersion>();
  for (const event of catalogue.events) {
    versions.set(`${event.detailType}.v${event.version}`, {
      schema: event.file,
      fields: fingerprintSchema(event.id, catalogue.byId),
    });
  }
  return versions;
}

/** Compares the schemas with what was published: new versions are added, compatible additions recorded. */
export function planPublish(published: PublishedCatalogue, catalogue: Catalogue): PublishPlan {
  const current = currentVersions(catalogue);
  const versions: Record<string, PublishedVersion> = {};
  const plan = {
    added: [] as string[],
    extended: [] as string[],
    breaking: [] as PublishPlan['breaking'][number][],
  };
  for (const [key, now] of current) {
    const before = published.versions[key];
    versions[key] = now;
    if (!before) {
      plan.added.push(key);
      continue;
    }
    const changes = diffFingerprints(before.fields, now.fields);
    if (changes.some((change) => change.breaking)) plan.breaking.push({ key, changes });
    else if (changes.length > 0) plan.extended.push(key);
  }
  const missing = Object.keys(published.versions).filter((key) => !current.has(key));
  const sorted = Object.fromEntries(Object.entries(versions).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { next: { $comment: COMMENT, versions: sorted }, ...plan, missing };
}

/** The file content for `published`, formatted as Biome formats JSON. */
export function serializePublished(published: PublishedCatalogue): string {
  return `${JSON.stringify(published, null, 2)}\n`;
}
