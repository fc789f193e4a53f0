/**
 * `pnpm gen`: regenerates event and HTTP types, standalone validators and the event registry from the JSON
 * Schemas under events/ and services/<service>/src/http/schemas/.
 */
import { fileURLToPath } from 'node:url';
import { generateContracts, writeGeneratedFiles } from './contracts/generate';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = await generateContracts(root);
const changed = writeGeneratedFiles(root, files);
console.log(
  changed.length === 0
    ? `contracts: ${files.length} generated files already up to date`
    : `contracts: updated ${changed.join(', ')}`,
);
