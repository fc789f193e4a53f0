import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogueError } from './catalogue';

/** An example event detail: `events/<service>/examples/<DetailType>.v<version>.<case>.json`. */
export interface EventExample {
  readonly file: string;
  readonly service: string;
  readonly detailType: string;
  readonly version: number;
  readonly caseName: string;
  readonly detail: unknown;
}

const EXAMPLE_FILE = /^([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)\.([a-z0-9][a-z0-9-]*)\.json$/;

/** Reads every example of every service under events/, in a stable order. */
export function loadExamples(root: string): EventExample[] {
  const eventsDir = join(root, 'events');
  if (!existsSync(eventsDir)) return [];
  const services = readdirSync(eventsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(eventsDir, entry.name, 'examples')))
    .map((entry) => entry.name)
    .sort();
  return services.flatMap((service) =>
    readdirSync(join(eventsDir, service, 'examples'))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => loadExample(root, service, name)),
  );
}

function loadExample(root: string, service: string, name: string): EventExample {
  const file = `events/${service}/examples/${name}`;
  const match = EXAMPLE_FILE.exec(name);
  if (!match) throw new CatalogueError(`${file}: examples are named <EventName>.v<N>.<case>.json`);
  const detail: unknown = JSON.parse(readFileSync(join(root, file), 'utf8'));
  return { file, service, detailType: match[1]!, version: Number(match[2]), caseName: match[3]!, detail };
}
