import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a Handler setting points: the module file to import and the export to call. */
export interface HandlerModule {
  modulePath: string;
  exportPath: string[];
}

/** Raised when a Handler's module file is not in the bundle (Lambda: Runtime.ImportModuleError). */
export class HandlerModuleNotFoundError extends Error {
  constructor(
    readonly handler: string,
    readonly codeDir: string,
  ) {
    super(`Error: Cannot find module '${handler.split('.')[0]}' (handler ${handler} in ${codeDir})`);
    this.name = 'HandlerModuleNotFoundError';
  }
}

/** Lambda's Node.js runtime tries these extensions in this order. */
const EXTENSIONS = ['.js', '.mjs', '.cjs'];

/**
 * Resolves a Handler as the Lambda Node.js runtime does: the module is everything up to the first dot after
 * the last slash, the export path what follows (`dir/file.a.b` → file `dir/file.(js|mjs|cjs)`, export a.b).
 *
 * @example
 * resolveHandler('/x', 'src/functions/getExpense/handler.handler') // { modulePath: '/x/src/…/handler.mjs', exportPath: ['handler'] }
 */
export function resolveHandler(codeDir: string, handler: string): HandlerModule {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0) throw new HandlerModuleNotFoundError(handler, codeDir);
  const modulePart = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1).split('.');
  for (const extension of EXTENSIONS) {
    const modulePath = join(codeDir, modulePart + extension);
    if (existsSync(modulePath)) return { modulePath, exportPath };
  }
  throw new HandlerModuleNotFoundError(handler, codeDir);
}
