import { _, Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { SchemaFile } from './catalogue';
import { withoutAnnotations } from './schemaWalk';

/** Name under which generated validators import ajv-formats' `fullFormats` (see validatorRuntime.ts). */
export const FORMATS_IDENTIFIER = 'fullFormats';
const formatsCode = _`fullFormats`;

/**
 * An Ajv (draft 2020-12, strict, all errors, ajv-formats) holding `schemas` by `$id`, set up to emit standalone
 * ES module code. The same instance validates in tests, so a test and a generated validator cannot disagree.
 */
export function createSchemaAjv(schemas: readonly SchemaFile[]): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    code: { source: true, esm: true, lines: true, formats: formatsCode },
    inlineRefs: false,
  });
  addFormats(ajv);
  // Annotations are dropped: they never change a result, and standalone code embeds the schemas it reports on.
  for (const { schema } of schemas) ajv.addSchema(withoutAnnotations(schema));
  return ajv;
}
