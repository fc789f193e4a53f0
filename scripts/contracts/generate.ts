import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Catalogue, type HttpSchema, loadCatalogue } from './catalogue';
import { generateDefinitions, generateRegistry } from './registryCode';
import { createSchemaAjv } from './schemaAjv';
import { exportedTypeNames, generateEventTypes, generateHttpTypes } from './typeCode';
import { generateValidatorModule } from './validatorCode';

/** One generated file: `path` is relative to the repository root, with forward slashes. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** A generated file that differs from what the schemas produce now. */
export interface StaleFile {
  readonly path: string;
  readonly problem: 'missing' | 'outdated' | 'unexpected';
}

const CONTRACTS_DIR = 'packages/contracts/src/generated';
const CONTRACTS_MODULE = '@spendwise/contracts';
const RUNTIME_MODULE = '@spendwise/contracts/validatorRuntime';

function header(sources: string): string {
  return `// Generated from ${sources} by scripts/gen-contracts.ts. Do not edit: change the schemas and run \`pnpm gen\`.`;
}

/** Everything `pnpm gen` writes, computed in memory from the schemas under `root`, in a stable order. */
export async function generateContracts(root: string): Promise<GeneratedFile[]> {
  const catalogue = loadCatalogue(root);
  const contracts = await generateContractsPackage(catalogue);
  const contractsTypes = new Set(exportedTypeNames(contracts[0]!.content));
  const services = [...new Set(catalogue.http.map((schema) => schema.service))].sort();
  const perService = await Promise.all(
    services.map((service) =>
      generateService(
        catalogue,
        catalogue.http.filter((schema) => schema.service === service),
        contractsTypes,
      ),
    ),
  );
  return [...contracts, ...perService.flat()];
}

async function generateContractsPackage(catalogue: Catalogue): Promise<GeneratedFile[]> {
  const banner = header('events/**/*.schema.json');
  const types = await generateEventTypes(catalogue, banner);
  const ajv = createSchemaAjv([...catalogue.common, ...catalogue.events]);
  const validators = generateValidatorModule(ajv, catalogue.events, {
    header: banner,
    runtimeModule: '../validatorRuntime',
    typesModule: './types',
  });
  return [
    { path: `${CONTRACTS_DIR}/types.ts`, content: types },
    { path: `${CONTRACTS_DIR}/validators.js`, content: validators.js },
    { path: `${CONTRACTS_DIR}/validators.d.ts`, content: validators.dts },
    { path: `${CONTRACTS_DIR}/registry.ts`, content: generateRegistry(catalogue.events, banner) },
    { path: `${CONTRACTS_DIR}/definitions.ts`, content: generateDefinitions(catalogue.events, banner) },
    ...perEventValidators(ajv, catalogue, banner),
  ];
}

/**
 * One module per event and version, so a producer bundles its own event's validator only (the all-in-one
 * validators.js keeps top-level assignments that bundlers cannot drop).
 */
function perEventValidators(
  ajv: ReturnType<typeof createSchemaAjv>,
  catalogue: Catalogue,
  banner: string,
): GeneratedFile[] {
  return catalogue.events.flatMap((event) => {
    const module = generateValidatorModule(ajv, [event], {
      header: banner,
      runtimeModule: '../../validatorRuntime',
      typesModule: '../types',
    });
    return [
      { path: `${CONTRACTS_DIR}/events/${event.typeName}.js`, content: module.js },
      { path: `${CONTRACTS_DIR}/events/${event.typeName}.d.ts`, content: module.dts },
    ];
  });
}

async function generateService(
  catalogue: Catalogue,
  schemas: readonly HttpSchema[],
  contractsTypes: ReadonlySet<string>,
): Promise<GeneratedFile[]> {
  const service = schemas[0]!.service;
  const dir = `services/${service}/src/generated`;
  const banner = header(`services/${service}/src/http/schemas/*.schema.json`);
  const types = await generateHttpTypes(catalogue, schemas, {
    header: banner,
    contractsModule: CONTRACTS_MODULE,
    contractsTypes,
  });
  const ajv = createSchemaAjv([...catalogue.common, ...catalogue.events, ...schemas]);
  // Services reach the validator helpers through @spendwise/contracts, the one package they depend on.
  // Response schemas (`*Response`) describe what a handler answers: they get types for the presenters, but no
  // validator, since nothing validates a response at run time and every validator would grow each bundle.
  const requests = schemas.filter((schema) => !isResponseSchema(schema));
  const validators = generateValidatorModule(ajv, requests, {
    header: banner,
    runtimeModule: RUNTIME_MODULE,
    typesModule: './http',
  });
  return [
    { path: `${dir}/http.ts`, content: types },
    { path: `${dir}/httpValidators.js`, content: validators.js },
    { path: `${dir}/httpValidators.d.ts`, content: validators.dts },
  ];
}

/** A schema of what a route answers, named `<Title>Response.schema.json`. */
export const isResponseSchema = (schema: Pick<HttpSchema, 'typeName'>): boolean =>
  schema.typeName.endsWith('Response');

/** The folders the generator owns: every file in them is generated. */
export function generatedDirs(root: string): string[] {
  const services = existsSync(join(root, 'services')) ? readdirSync(join(root, 'services')).sort() : [];
  return [CONTRACTS_DIR, ...services.map((service) => `services/${service}/src/generated`)].filter((dir) =>
    existsSync(join(root, dir)),
  );
}

/** Compares `files` with the disk: missing, outdated, and files in generated folders that nothing produces. */
export function findStaleFiles(root: string, files: readonly GeneratedFile[]): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const { path, content } of files) {
    const full = join(root, path);
    if (!existsSync(full)) stale.push({ path, problem: 'missing' });
    else if (readFileSync(full, 'utf8') !== content) stale.push({ path, problem: 'outdated' });
  }
  const expected = new Set(files.map((file) => file.path));
  for (const dir of generatedDirs(root)) {
    for (const path of filesUnder(root, dir)) {
      if (!expected.has(path)) stale.push({ path, problem: 'unexpected' });
    }
  }
  return stale;
}

/** Every file below `dir` (relative to `root`), sub-folders included, in a stable order. */
function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(root, `${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
    );
}

/** Writes `files` and removes what generated folders hold beyond them. Returns the paths that changed. */
export function writeGeneratedFiles(root: string, files: readonly GeneratedFile[]): string[] {
  const stale = findStaleFiles(root, files);
  for (const { path, problem } of stale) {
    const full = join(root, path);
    if (problem === 'unexpected') {
      rmSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, files.find((file) => file.path === path)!.content);
  }
  return stale.map((file) => file.path);
}
