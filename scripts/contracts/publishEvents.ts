/**
 * `pnpm events:publish`: records the fingerprint of every new event schema version in events/published.json,
 * and of optional fields added to published ones. Refuses, changing nothing, when a published version changed
 * incompatibly or lost its schema: such a change needs a new version (`<EventName>.v<N+1>.schema.json`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from './catalogue';
import { formatChanges } from './compatibility';
import { PUBLISHED_FILE, planPublish, readPublished, serializePublished } from './published';

const root = fileURLToPath(new URL('../..', import.meta.url));
const plan = planPublish(readPublished(root), loadCatalogue(root));

if (plan.breaking.length > 0 || plan.missing.length > 0) {
  for (const { key, changes } of plan.breaking)
    console.error(`${key} changed incompatibly:\n${formatChanges(changes)}`);
  for (const key of plan.missing) console.error(`${key} was published but its schema file is gone`);
  console.error(`Nothing written. Restore the published versions and add a new version instead.`);
  process.exit(1);
}
writeFileSync(join(root, PUBLISHED_FILE), serializePublished(plan.next));
const notes = [
  ...plan.added.map((key) => `published ${key}`),
  ...plan.extended.map((key) => `recorded optional fields added to ${key}`),
];
console.log(notes.length > 0 ? notes.join('\n') : 'events: every schema version is already published');
