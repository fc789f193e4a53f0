/**
 * `pnpm gen`: regenerates event and HTTP types, standalone validators and the event registry from the JSON
 * Schemas under events/ and services/<service>/src/http/schemas/, then the catalogue of events (docs/events.md).
 */
import { fileURLToPath } from 'node:url';
import { EVENTS_DOC, generateEventsDoc, writeEventsDoc } from './contracts/eventsDoc';
import { generateContracts, writeGeneratedFiles } from './contracts/generate';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = await generateContracts(root);
const changed = writeGeneratedFiles(root, files);
console.log(
  changed.length === 0
    ? `contracts: ${files.length} generated files already up to date`
    : `contracts: updated ${changed.join(', ')}`,
);
// The catalogue documents the schemas just generated from, so it is rewritten in the same step.
const docChanged = writeEventsDoc(root, generateEventsDoc(root));
console.log(docChanged ? `events: updated ${EVENTS_DOC}` : `events: ${EVENTS_DOC} already up to date`);
