import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from './catalogue';
import { loadExamples } from './examples';
import { createSchemaAjv } from './schemaAjv';

const root = fileURLToPath(new URL('../..', import.meta.url));
const catalogue = loadCatalogue(root);
const examples = loadExamples(root);
const ajv = createSchemaAjv([...catalogue.common, ...catalogue.events]);
const schemaOf = (service: string, detailType: string, version: number) =>
  catalogue.events.find(
    (event) => event.service === service && event.detailType === detailType && event.version === version,
  );

describe('event examples', () => {
  it.each(examples.map((example) => [example.file, example] as const))(
    '%s is valid for its schema',
    (_file, example) => {
      const schema = schemaOf(example.service, example.detailType, example.version);
      expect(schema).toBeDefined();

      const valid = ajv.validate(schema!.id, example.detail);

      expect(ajv.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it.each(examples.map((example) => [example.file, example] as const))(
    '%s carries the eventVersion of its file name',
    (_file, example) => {
      const metadata = (example.detail as { metadata?: { eventVersion?: unknown } }).metadata;

      expect(metadata?.eventVersion).toBe(example.version);
    },
  );

  it.each(catalogue.events.map((event) => [event.file, event] as const))(
    '%s has at least one example',
    (_file, event) => {
      const own = examples.filter(
        (example) =>
          example.service === event.service &&
          example.detailType === event.detailType &&
          example.version === event.version,
      );

      expect(own.length).toBeGreaterThanOrEqual(1);
    },
  );
});
