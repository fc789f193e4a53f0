import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { CLIENT_TYPES_DIR, generateClientTypes } from './clientTypes';
import { staleFiles } from './files';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the client types', () => {
  it('are what openapi-typescript makes of docs/openapi now (run `pnpm openapi` after changing a document)', async () => {
    const files = await generateClientTypes(root);

    expect(files.map((file) => file.path)).toContain(`${CLIENT_TYPES_DIR}/expenses.ts`);
    expect(staleFiles(root, CLIENT_TYPES_DIR, files)).toEqual([]);
  }, 60_000);
});
