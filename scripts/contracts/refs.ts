import type { SchemaFile } from './catalogue';
import { isSchemaObject, type JsonSchema } from './schemaWalk';

/** A subschema together with the `$id` of the document it lives in (the base of its own relative `$ref`s). */
export interface ResolvedSchema {
  readonly schema: JsonSchema;
  readonly baseId: string;
}

/** A `$ref` that points at no loaded schema. */
export class UnresolvedRefError extends Error {
  override name = 'UnresolvedRefError';
}

/** Resolves `ref` against `baseId` among the loaded schemas; never reads the network or the disk. */
export function resolveRef(
  ref: string,
  baseId: string,
  byId: ReadonlyMap<string, Pick<SchemaFile, 'schema'>>,
): ResolvedSchema {
  const url = new URL(ref, baseId);
  const fragment = decodeURIComponent(url.hash.slice(1));
  url.hash = '';
  const documentId = url.href;
  const document = byId.get(documentId);
  if (!document)
    throw new UnresolvedRefError(`$ref ${ref} from ${baseId}: no schema has the $id ${documentId}`);
  if (fragment !== '' && !fragment.startsWith('/')) {
    throw new UnresolvedRefError(`$ref ${ref} from ${baseId}: only JSON Pointer fragments are supported`);
  }
  let node: unknown = document.schema;
  for (const token of fragment.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isSchemaObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (!isSchemaObject(node))
    throw new UnresolvedRefError(`$ref ${ref} from ${baseId}: ${fragment} is not a schema`);
  return { schema: node, baseId: documentId };
}
