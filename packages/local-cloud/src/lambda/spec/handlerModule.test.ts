import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { scratchDir } from '../testing/fixtureFunctions';
import { HandlerModuleNotFoundError, resolveHandler } from './handlerModule';

let codeDir: string;
beforeAll(async () => {
  codeDir = await scratchDir('handler');
  await mkdir(join(codeDir, 'src/functions/get.v2'), { recursive: true });
  await writeFile(join(codeDir, 'src/functions/get.v2/handler.mjs'), '');
  await writeFile(join(codeDir, 'index.js'), '');
  await writeFile(join(codeDir, 'index.mjs'), '');
});

describe('resolveHandler', () => {
  it('splits at the first dot after the last slash and finds the .mjs module', () => {
    expect(resolveHandler(codeDir, 'src/functions/get.v2/handler.handler')).toEqual({
      modulePath: join(codeDir, 'src/functions/get.v2/handler.mjs'),
      exportPath: ['handler'],
    });
  });

  it('prefers .js as the Lambda runtime does, and keeps a nested export path', () => {
    expect(resolveHandler(codeDir, 'index.handlers.get')).toEqual({
      modulePath: join(codeDir, 'index.js'),
      exportPath: ['handlers', 'get'],
    });
  });

  it('fails with HandlerModuleNotFoundError for a missing module', () => {
    expect(() => resolveHandler(codeDir, 'src/missing.handler')).toThrow(HandlerModuleNotFoundError);
  });
});
