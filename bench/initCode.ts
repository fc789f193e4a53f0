import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** A static import of a sibling file in bundled code (`import{a}from"./x.mjs"`, `import"./x.mjs"`), not `import("./x.mjs")`. */
const STATIC_RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.\.?\/[^"']+)["']/g;

/**
 * The code Node reads and compiles when it imports a function's module: the module file and every file it
 * imports statically, transitively. A chunk the function loads with `import()` (the tracer, ADR 33) is left out:
 * it is read on the first invocation that needs it. Returns the files (relative to `dir`) and their bytes.
 */
export function initCode(modulePath: string, dir: string): { files: string[]; bytes: number } {
  const seen = new Set<string>();
  let bytes = 0;
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file);
    bytes += code.length;
    for (const match of code.toString('utf8').matchAll(STATIC_RELATIVE_IMPORT))
      visit(join(dirname(file), match[1]!));
  };
  visit(modulePath);
  return { files: [...seen].map((file) => relative(dir, file)), bytes };
}
