import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CatalogueError, loadCatalogue, type SchemaFile } from './catalogue';
import { resolveRef } from './refs';
import { forEachSchema } from './schemaWalk';

const root = fileURLToPath(new URL('../..', import.meta.url));
const catalogue = loadCatalogue(root);
const allSchemas: SchemaFile[] = [...catalogue.common, ...catalogue.events, ...catalogue.http];

function refsOf(schemaFile: SchemaFile): string[] {
  const refs: string[] = [];
  forEachSchema(schemaFile.schema, (node) => {
    if (typeof node.$ref === 'string') refs.push(node.$ref);
  });
  return refs;
}

const refCases = allSchemas.flatMap((schemaFile) =>
  refsOf(schemaFile).map((ref) => [schemaFile.file, ref, schemaFile] as const),
);

describe('the schema catalogue', () => {
  it.each(refCases)('%s: $ref %s reaches the same schema on disk as by $id', (_file, ref, schemaFile) => {
    const [refPath] = ref.split('#');
    const onDisk = refPath
      ? relative(root, resolve(dirname(join(root, schemaFile.file)), refPath)).replaceAll('\\', '/')
      : schemaFile.file;
    const byId = resolveRef(ref, schemaFile.id, catalogue.byId);

    expect(catalogue.byId.get(byId.baseId)?.file).toBe(onDisk);
  });

  it('holds the event schemas with their detail-type, version and source', () => {
    const events = catalogue.events.map(
      ({ detailType, version, source }) => `${source} ${detailType} v${version}`,
    );

    expect(events).toEqual(
      expect.arrayContaining([
        'spendwise.expenses ExpenseRecorded v1',
        'spendwise.expenses ExpenseUpdated v1',
        'spendwise.expenses ExpenseDeleted v1',
      ]),
    );
  });
});

describe('loadCatalogue conventions', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function catalogueWith(file: string, schema: object): () => unknown {
    dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), JSON.stringify(schema));
    return () => loadCatalogue(dir!);
  }

  const eventSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://schemas.spendwise.dev/events/things/ThingDone.v1.schema.json',
    title: 'ThingDoneV1',
    'x-spendwise': { source: 'spendwise.things', detailType: 'ThingDone', version: 1 },
    type: 'object',
    properties: { data: { title: 'ThingDoneV1Data', type: 'object' } },
  };

  it('accepts an event schema that follows the conventions', () => {
    const load = catalogueWith('events/things/ThingDone.v1.schema.json', eventSchema);

    expect(load()).toMatchObject({
      events: [{ detailType: 'ThingDone', version: 1, typeName: 'ThingDoneV1' }],
    });
  });

  it('refuses an $id that does not mirror the file path', () => {
    const load = catalogueWith('events/things/ThingDone.v1.schema.json', {
      ...eventSchema,
      $id: 'https://schemas.spendwise.dev/events/other/ThingDone.v1.schema.json',
    });

    expect(load).toThrow(CatalogueError);
  });

  it('refuses x-spendwise that disagrees with the file name', () => {
    const load = catalogueWith('events/things/ThingDone.v1.schema.json', {
      ...eventSchema,
      'x-spendwise': { source: 'spendwise.things', detailType: 'ThingDone', version: 2 },
    });

    expect(load).toThrow(/x-spendwise/);
  });

  it('refuses a title that would give the type another name', () => {
    const load = catalogueWith('events/things/ThingDone.v1.schema.json', {
      ...eventSchema,
      title: 'ThingDone',
    });

    expect(load).toThrow(/"title" must be "ThingDoneV1"/);
  });
});
