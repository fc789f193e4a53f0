import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from './catalogue';
import { formatChanges } from './compatibility';
import { planPublish, readPublished } from './published';

const root = fileURLToPath(new URL('../..', import.meta.url));
const catalogue = loadCatalogue(root);
const published = readPublished(root);
const plan = planPublish(published, catalogue);

describe('published event versions (events/published.json)', () => {
  it.each(Object.keys(published.versions).map((key) => [key]))(
    '%s has changed only compatibly since it was published',
    (key) => {
      const breaking = plan.breaking.find((entry) => entry.key === key);

      expect(breaking ? `${key}:\n${formatChanges(breaking.changes)}` : 'compatible').toBe('compatible');
    },
  );

  it('still has a schema for every published version', () => {
    expect(plan.missing).toEqual([]);
  });

  it('has every event schema version published (run `pnpm events:publish`)', () => {
    expect(plan.added).toEqual([]);
  });
});
