import { compile, type Options } from 'json-schema-to-typescript';
import type { Catalogue, HttpSchema } from './catalogue';
import { resolveRef } from './refs';
import { forEachSchema, type JsonSchema, mapSchema } from './schemaWalk';

/** Two schemas produced one type name, or a type lost its title-given name. */
export class TypeNamingError extends Error {
  override name = 'TypeNamingError';
}

const ROOT_TITLE = 'AnyEventDetail';

/** TypeScript declarations for every event schema, named after the schema titles. */
export async function generateEventTypes(catalogue: Catalogue, header: string): Promise<string> {
  const events = [...catalogue.events].sort((a, b) => (a.typeName < b.typeName ? -1 : 1));
  const root: JsonSchema = {
    title: ROOT_TITLE,
    description: 'The detail of any event version in the catalogue.',
    anyOf: events.map(({ id }) => ({ $ref: id })),
  };
  const code = await compile(root as never, ROOT_TITLE, compileOptions(catalogue, header));
  expectTitledNames(code, [root, ...catalogue.common.map((s) => s.schema), ...events.map((s) => s.schema)]);
  return code;
}

/**
 * TypeScript declarations for one service's HTTP schemas. Types the event catalogue already declares (Money,
 * CategoryId…) are imported from `contractsModule` rather than declared twice.
 */
export async function generateHttpTypes(
  catalogue: Catalogue,
  schemas: readonly HttpSchema[],
  options: { header: string; contractsModule: string; contractsTypes: ReadonlySet<string> },
): Promise<string> {
  const imported = new Set<string>();
  const parts: string[] = [];
  for (const httpSchema of [...schemas].sort((a, b) => (a.typeName < b.typeName ? -1 : 1))) {
    const schema = importCatalogueTypes(catalogue, httpSchema, options.contractsTypes, imported);
    const code = await compile(schema as never, httpSchema.typeName, compileOptions(catalogue, ''));
    expectTitledNames(code, [httpSchema.schema]);
    parts.push(code.trim());
  }
  const names = parts.flatMap(exportedTypeNames);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new TypeNamingError(`two HTTP schemas declare the type ${duplicate}`);
  const importLine =
    imported.size > 0
      ? `import type { ${[...imported].sort().join(', ')} } from '${options.contractsModule}';\n\n`
      : '';
  return `${options.header}\n${importLine}${parts.join('\n\n')}\n`;
}

/** Names declared with `export interface` or `export type` in generated code. */
export function exportedTypeNames(code: string): string[] {
  return [...code.matchAll(/^export (?:interface|type) (\w+)/gm)].map((match) => match[1]!);
}

function compileOptions(catalogue: Catalogue, bannerComment: string): Partial<Options> {
  return {
    bannerComment,
    additionalProperties: false,
    declareExternallyReferenced: true,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: true,
    unknownAny: true,
    format: true,
    style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
    // Every $ref resolves among the loaded schemas: never over the network, and identically on every machine.
    $refOptions: {
      resolve: {
        file: false,
        http: false,
        catalogue: {
          order: 1,
          canRead: (file: { url: string }) => catalogue.byId.has(file.url),
          read: (file: { url: string }) => JSON.stringify(forTypes(catalogue.byId.get(file.url)!.schema)),
        },
      },
    },
  };
}

/**
 * A `$ref` with sibling annotations makes json-schema-to-typescript copy the target under a numbered name
 * (ExpenseSnapshot1); without them every use shares the one declaration.
 */
function forTypes(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (node) => {
    if (typeof node.$ref !== 'string') return node;
    const { title: _title, description: _description, $comment: _comment, ...rest } = node;
    return rest;
  });
}

function importCatalogueTypes(
  catalogue: Catalogue,
  httpSchema: HttpSchema,
  contractsTypes: ReadonlySet<string>,
  imported: Set<string>,
): JsonSchema {
  return forTypes(
    mapSchema(httpSchema.schema, (node) => {
      if (typeof node.$ref !== 'string') return node;
      const target = resolveRef(node.$ref, httpSchema.id, catalogue.byId);
      const title = target.schema.title;
      if (!target.baseId.includes('/events/') || typeof title !== 'string') return node;
      if (!contractsTypes.has(title)) {
        throw new TypeNamingError(
          `${httpSchema.file}: ${title} is not among the types of the event catalogue`,
        );
      }
      imported.add(title);
      return { tsType: title };
    }),
  );
}

function expectTitledNames(code: string, schemas: readonly JsonSchema[]): void {
  const titles = new Set<string>();
  for (const schema of schemas) {
    forEachSchema(schema, (node) => {
      if (typeof node.title === 'string') titles.add(node.title);
    });
  }
  const stray = exportedTypeNames(code).filter((name) => !titles.has(name));
  if (stray.length > 0) {
    throw new TypeNamingError(
      `generated types ${stray.join(', ')} have no schema title of that name: give the schema a title, or remove the keywords beside its $ref`,
    );
  }
}
