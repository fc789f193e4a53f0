import type { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { FORMATS_IDENTIFIER } from './schemaAjv';

/** One exported validator: `validate<typeName>` checks data against the schema with `$id` `id`. */
export interface ValidatorExport {
  readonly typeName: string;
  readonly id: string;
}

/** Where the generated module takes its helpers and its types from. */
export interface ValidatorModuleOptions {
  readonly header: string;
  /** Module exporting `ucs2length`, `equal`, `fullFormats` and the `StandaloneValidator` type. */
  readonly runtimeModule: string;
  /** Module exporting the TypeScript type named by each `typeName`. */
  readonly typesModule: string;
}

/** Standalone code needs a helper that the validator runtime does not provide. */
export class UnsupportedRuntimeError extends Error {
  override name = 'UnsupportedRuntimeError';
}

// Ajv's standalone code still `require`s its run-time helpers even in ESM mode; these map them onto the
// small ESM helpers of @spendwise/contracts, so bundles carry neither CommonJS interop nor the ajv compiler.
const RUNTIME_HELPERS: ReadonlyArray<readonly [string, string]> = [
  ['require("ajv/dist/runtime/ucs2length").default', 'ucs2length'],
  ['require("ajv/dist/runtime/equal").default', 'equal'],
];

/** Compiles `exports` to an ES module of standalone validators and its `.d.ts`. */
export function generateValidatorModule(
  ajv: Ajv2020,
  exports: readonly ValidatorExport[],
  options: ValidatorModuleOptions,
): { js: string; dts: string } {
  const sorted = [...exports].sort((a, b) => compare(a.typeName, b.typeName));
  const refs = Object.fromEntries(sorted.map(({ typeName, id }) => [`validate${typeName}`, id]));
  const js = toEsmModule(standaloneCode(ajv, refs), options);
  const typeNames = sorted.map(({ typeName }) => typeName);
  const dts = [
    options.header,
    `import type { StandaloneValidator } from '${options.runtimeModule}';`,
    `import type { ${typeNames.join(', ')} } from '${options.typesModule}';`,
    '',
    ...typeNames.map((name) => `export declare const validate${name}: StandaloneValidator<${name}>;`),
    '',
  ].join('\n');
  return { js, dts };
}

/** Turns ajv's standalone output into a self-contained ES module importing only `runtimeModule`. */
export function toEsmModule(
  code: string,
  options: Pick<ValidatorModuleOptions, 'header' | 'runtimeModule'>,
): string {
  let body = code.replace(/^"use strict";\n?/, '');
  const helpers: string[] = [];
  for (const [required, helper] of RUNTIME_HELPERS) {
    if (body.includes(required)) {
      body = body.replaceAll(required, helper);
      helpers.push(helper);
    }
  }
  const leftover = /require\([^)]*\)/.exec(body);
  if (leftover) {
    throw new UnsupportedRuntimeError(
      `standalone validators need ${leftover[0]}: add it to validatorRuntime.ts`,
    );
  }
  if (new RegExp(`\\b${FORMATS_IDENTIFIER}\\b`).test(body)) helpers.push(FORMATS_IDENTIFIER);
  const imports =
    helpers.length > 0 ? `import { ${helpers.sort().join(', ')} } from '${options.runtimeModule}';\n` : '';
  return `${options.header}\n${imports}${body.trimEnd()}\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
