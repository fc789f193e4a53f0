import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSchemaObject, type JsonSchema } from './schemaWalk';

/** Base of every schema `$id`; the path after it mirrors the file's path under the repository root. */
export const SCHEMA_BASE_URL = 'https://schemas.spendwise.dev/';
const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
const EVENT_FILE = /^([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)\.schema\.json$/;
const COMMON_FILE = /^[a-z][A-Za-z0-9]*\.v[1-9][0-9]*\.schema\.json$/;
const HTTP_FILE = /^([A-Z][A-Za-z0-9]*)\.schema\.json$/;

/** One schema file: `file` is relative to the repository root, with forward slashes. */
export interface SchemaFile {
  readonly file: string;
  readonly id: string;
  readonly schema: JsonSchema;
}

/** An event detail schema: `events/<service>/<detailType>.v<version>.schema.json`. */
export interface EventSchema extends SchemaFile {
  readonly service: string;
  readonly source: string;
  readonly detailType: string;
  readonly version: number;
  /** Name of the generated detail type and validator suffix, e.g. `ExpenseRecordedV1`. */
  readonly typeName: string;
}

/** A request schema of a service's HTTP API: `services/<service>/src/http/schemas/<Title>.schema.json`. */
export interface HttpSchema extends SchemaFile {
  readonly service: string;
  readonly typeName: string;
}

/** Every schema of the repository, in a stable order. */
export interface Catalogue {
  readonly common: readonly SchemaFile[];
  readonly events: readonly EventSchema[];
  readonly http: readonly HttpSchema[];
  readonly byId: ReadonlyMap<string, SchemaFile>;
}

/** A schema file breaks a convention the generator and the compatibility checks rely on. */
export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** Reads every event, common and HTTP schema under `root` and checks names, `$id`s and `x-spendwise`. */
export function loadCatalogue(root: string): Catalogue {
  const common = listJson(root, 'events/common').map((name) => loadCommon(root, name));
  const events = listDirs(root, 'events')
    .filter((service) => service !== 'common')
    .flatMap((service) => listJson(root, `events/${service}`).map((name) => loadEvent(root, service, name)));
  const http = listDirs(root, 'services').flatMap((service) =>
    listJson(root, `services/${service}/src/http/schemas`).map((name) => loadHttp(root, service, name)),
  );
  expectOneSourcePerDetailType(events);
  const byId = new Map<string, SchemaFile>();
  for (const schemaFile of [...common, ...events, ...http]) {
    const clash = byId.get(schemaFile.id);
    if (clash)
      throw new CatalogueError(`${schemaFile.file} and ${clash.file} share the $id ${schemaFile.id}`);
    byId.set(schemaFile.id, schemaFile);
  }
  return { common, events, http, byId };
}

function expectOneSourcePerDetailType(events: readonly EventSchema[]): void {
  const sources = new Map<string, string>();
  for (const event of events) {
    const source = sources.get(event.detailType) ?? event.source;
    if (source !== event.source)
      throw new CatalogueError(`${event.detailType} is published by ${source} and ${event.source}`);
    sources.set(event.detailType, source);
  }
}

function loadCommon(root: string, name: string): SchemaFile {
  const file = `events/common/${name}`;
  if (!COMMON_FILE.test(name))
    throw new CatalogueError(`${file}: common schemas are named <name>.v<N>.schema.json`);
  return readSchema(root, file, `${SCHEMA_BASE_URL}${file}`);
}

function loadEvent(root: string, service: string, name: string): EventSchema {
  const file = `events/${service}/${name}`;
  const match = EVENT_FILE.exec(name);
  if (!match) throw new CatalogueError(`${file}: event schemas are named <EventName>.v<N>.schema.json`);
  const detailType = match[1]!;
  const version = Number(match[2]);
  const typeName = `${detailType}V${version}`;
  const loaded = readSchema(root, file, `${SCHEMA_BASE_URL}${file}`);
  const source = `spendwise.${service}`;
  const expected = { source, detailType, version };
  if (JSON.stringify(loaded.schema['x-spendwise']) !== JSON.stringify(expected)) {
    throw new CatalogueError(`${file}: "x-spendwise" must be ${JSON.stringify(expected)}`);
  }
  expectTitle(file, loaded.schema, typeName);
  const data = isSchemaObject(loaded.schema.properties) ? loaded.schema.properties.data : undefined;
  expectTitle(`${file} properties.data`, isSchemaObject(data) ? data : {}, `${typeName}Data`);
  return { ...loaded, service, source, detailType, version, typeName };
}

function loadHttp(root: string, service: string, name: string): HttpSchema {
  const file = `services/${service}/src/http/schemas/${name}`;
  const match = HTTP_FILE.exec(name);
  if (!match) throw new CatalogueError(`${file}: HTTP schemas are named <Title>.schema.json`);
  const loaded = readSchema(root, file, undefined);
  expectTitle(file, loaded.schema, match[1]!);
  return { ...loaded, service, typeName: match[1]! };
}

function readSchema(root: string, file: string, expectedId: string | undefined): SchemaFile {
  const schema: unknown = JSON.parse(readFileSync(join(root, file), 'utf8'));
  if (!isSchemaObject(schema)) throw new CatalogueError(`${file}: a schema file holds one JSON object`);
  if (schema.$schema !== DRAFT_2020_12)
    throw new CatalogueError(`${file}: "$schema" must be ${DRAFT_2020_12}`);
  const id = schema.$id;
  if (typeof id !== 'string' || !id.startsWith(SCHEMA_BASE_URL)) {
    throw new CatalogueError(`${file}: "$id" must start with ${SCHEMA_BASE_URL}`);
  }
  if (expectedId !== undefined && id !== expectedId) {
    throw new CatalogueError(
      `${file}: "$id" must be ${expectedId}, so relative $refs resolve alike on disk and by $id`,
    );
  }
  return { file, id, schema };
}

function expectTitle(where: string, schema: JsonSchema, title: string): void {
  if (schema.title !== title)
    throw new CatalogueError(`${where}: "title" must be "${title}" (it names the type)`);
}

function listDirs(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function listJson(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.schema.json'))
    .map((entry) => entry.name)
    .sort();
}
