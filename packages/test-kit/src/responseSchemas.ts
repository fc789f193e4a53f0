import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const schemaFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'examples' ? [] : schemaFiles(path);
    return entry.name.endsWith('.schema.json') ? [path] : [];
  });

let shared: Ajv2020 | undefined;

/** One Ajv (draft 2020-12, strict) holding every event, HTTP and problem schema of the repository by `$id`. */
function ajv(): Ajv2020 {
  if (shared) return shared;
  const instance = new Ajv2020({ strict: true, allErrors: true });
  addFormats(instance);
  // The generators' annotation: which handlers answer with a response schema.
  instance.addKeyword('x-spendwise');
  const services = readdirSync(join(root, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `services/${entry.name}/src/http/schemas`);
  const dirs = ['events', 'packages/lambda-kit/src/http/schemas', ...services];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = schemaFiles(dir);
    } catch {
      continue;
    }
    for (const file of files) instance.addSchema(JSON.parse(readFileSync(join(root, file), 'utf8')));
  }
  shared = instance;
  return instance;
}

/** `$id` of a service's HTTP schema, e.g. `httpSchemaId('expenses', 'ExpenseResponse')`. */
export const httpSchemaId = (service: string, title: string) =>
  `https://schemas.spendwise.dev/http/${service}/${title}.schema.json`;

/** `$id` of the problem+json schema every API answers errors with. */
export const PROBLEM_SCHEMA_ID =
  'https://schemas.spendwise.dev/packages/lambda-kit/src/http/schemas/Problem.schema.json';

/**
 * The violations of `data` against the schema with `$id` `id` (empty when it conforms), as readable lines, so a
 * test can `expect(violationsOf(...)).toEqual([])` and see what is wrong.
 *
 * @example expect(violationsOf(httpSchemaId('expenses', 'ExpenseResponse'), presentExpense(expense))).toEqual([]);
 */
export function violationsOf(id: string, data: unknown): string[] {
  const validate = ajv().getSchema(id);
  if (!validate) throw new Error(`No schema has the $id ${id}`);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
  );
}
