import type { EventSchema } from './catalogue';

/**
 * The registry module: for each detail-type a constant `<DetailType>Versions` (its source, latest version and one
 * entry per version holding the validator), which a consumer passes to `subscribe` so its bundle holds the
 * validators of the events it accepts and no other's; `eventRegistry`, all of them by detail-type; `DETAIL_TYPES`,
 * the names alone; and `EventDetails`, the detail type of each detail-type and version. The validators come from
 * the per-event modules, shared with the definitions module, so a bundle never holds one twice.
 */
export function generateRegistry(events: readonly EventSchema[], header: string): string {
  const byType = new Map<string, EventSchema[]>();
  for (const event of events) byType.set(event.detailType, [...(byType.get(event.detailType) ?? []), event]);
  const detailTypes = [...byType.keys()].sort();
  const typeNames = events.map((event) => event.typeName).sort();
  const entries = detailTypes.map((detailType) =>
    registryEntry(detailType, byVersion(byType.get(detailType)!)),
  );
  const details = detailTypes.map((detailType) => {
    const versions = byVersion(byType.get(detailType)!).map((event) => `${event.version}: ${event.typeName}`);
    return `  ${detailType}: { ${versions.join('; ')} };`;
  });
  return [
    header,
    `import type { ${typeNames.join(', ')} } from './types';`,
    ...[...events]
      .sort((a, b) => a.typeName.localeCompare(b.typeName))
      .map((event) => `import { validate${event.typeName} } from './events/${event.typeName}';`),
    '',
    ...entries,
    '/** Every event of the catalogue by detail-type: its source, latest version and a validator per version. */',
    'export const eventRegistry = {',
    ...detailTypes.map((detailType) => `  ${detailType}: ${detailType}Versions,`),
    '} as const;',
    '',
    '/** The detail-type of every event of the catalogue, without their validators. */',
    `export const DETAIL_TYPES = [${detailTypes.map((detailType) => `'${detailType}'`).join(', ')}] as const;`,
    '',
    '/** The detail of each detail-type and version: `EventDetails["ExpenseRecorded"][1]`. */',
    'export interface EventDetails {',
    ...details,
    '}',
    '',
  ].join('\n');
}

function registryEntry(detailType: string, versions: readonly EventSchema[]): string {
  const latest = versions.at(-1)!;
  const lines = versions.map(
    (event) =>
      `    ${event.version}: { source: '${event.source}', detailType: '${detailType}', version: ${event.version}, validate: validate${event.typeName} },`,
  );
  return [
    `/** ${detailType} in every schema version, published by ${latest.source}: pass it to subscribe to accept it. */`,
    `export const ${detailType}Versions = {`,
    `  detailType: '${detailType}',`,
    `  source: '${latest.source}',`,
    `  latest: ${latest.version},`,
    '  versions: {',
    ...lines,
    '  },',
    '} as const;',
    '',
  ].join('\n');
}

function byVersion(events: readonly EventSchema[]): EventSchema[] {
  return [...events].sort((a, b) => a.version - b.version);
}

/**
 * The definitions module: one constant per detail-type (its latest version), so a producer imports the one it
 * emits and its bundle carries that event's validator only — not the whole catalogue's.
 */
export function generateDefinitions(events: readonly EventSchema[], header: string): string {
  const byType = new Map<string, EventSchema[]>();
  for (const event of events) byType.set(event.detailType, [...(byType.get(event.detailType) ?? []), event]);
  const latest = [...byType.keys()].sort().map((detailType) => byVersion(byType.get(detailType)!).at(-1)!);
  return [
    header,
    ...latest.map((event) => `import { validate${event.typeName} } from './events/${event.typeName}';`),
    '',
    ...latest.flatMap((event) => [
      `/** ${event.detailType} v${event.version} (latest), published by ${event.source}: pass it to createEvent. */`,
      `export const ${event.detailType} = { source: '${event.source}', detailType: '${event.detailType}', version: ${event.version}, validate: validate${event.typeName} } as const;`,
      '',
    ]),
  ].join('\n');
}
