/**
 * `pnpm events:doc`: writes docs/events.md, the catalogue of events (publisher, consumers, fields, an example
 * per version), from events/ and the event rules of every service. `pnpm gen` runs it too.
 */
import { fileURLToPath } from 'node:url';
import { EVENTS_DOC, generateEventsDoc, writeEventsDoc } from './eventsDoc';

const root = fileURLToPath(new URL('../..', import.meta.url));
const changed = writeEventsDoc(root, generateEventsDoc(root));
console.log(changed ? `events: updated ${EVENTS_DOC}` : `events: ${EVENTS_DOC} already up to date`);
