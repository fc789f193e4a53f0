import type { EventSchema } from './catalogue';

/**
 * The registry module: for each detail-type its source, latest version and one entry per version holding the
 * validator; and `EventDetails`, the detail type of each detail-type and version.
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
    `import { ${typeNames.map((name) => `validate${name}`).join(', ')} } from './validators';`,
    '',
    '/** Every event of the catalogue by detail-type: its source, latest version and a validator per version. */',
    'export const eventRegistry = {',
    ...entries,
    '} as const;',
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
      `      ${event.version}: { source: '${event.source}', detailType: '${detailType}', version: ${event.version}, validate: validate${event.typeName} },`,
  );
  return [
    `  ${detailType}: {`,
    `    source: '${latest.source}',`,
    `    latest: ${latest.version},`,
    '    versions: {',
    ...lines,
    '    },',
    '  },',
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
