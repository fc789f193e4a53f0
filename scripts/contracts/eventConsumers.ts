import { matchesEventPattern, validateEventPattern } from '../../packages/local-cloud/src/patterns/index';
import type { EventRule } from './eventRules';

/** An event as rules see it: its `source` and `detail-type`. */
export interface RoutedEvent {
  readonly source: string;
  readonly detailType: string;
}

/** A rule delivering an event, and the parts of its pattern beyond source and detail-type (e.g. `detail`). */
export interface Consumer {
  readonly rule: EventRule;
  readonly filters: readonly string[];
}

/** Which rules receive which events. */
export interface Routing {
  /** Consumers per `eventKey(event)`; events no rule receives are absent. */
  readonly consumers: ReadonlyMap<string, readonly Consumer[]>;
  /** Rules that receive every catalogued event whatever its detail-type, such as the platform's audit log. */
  readonly busWide: readonly Consumer[];
  /** Rules that receive no catalogued event: most likely a misspelt source or detail-type. */
  readonly unmatched: readonly Consumer[];
}

const ROUTING_KEYS = ['source', 'detail-type'];

/** Key of an event in `Routing.consumers`. */
export function eventKey(event: RoutedEvent): string {
  return `${event.source} ${event.detailType}`;
}

/**
 * Matches every rule against every event, with the EventBridge pattern language of the local cloud, on
 * `source` and `detail-type` only: other fields of a pattern filter within an event type, so they are listed
 * as filters rather than guessed at.
 */
export function routeEvents(rules: readonly EventRule[], events: readonly RoutedEvent[]): Routing {
  const consumers = new Map<string, Consumer[]>();
  const busWide: Consumer[] = [];
  const unmatched: Consumer[] = [];
  for (const rule of rules) {
    try {
      validateEventPattern(rule.pattern);
    } catch (error) {
      throw new Error(`${rule.file}: ${rule.logicalId} has an invalid event pattern: ${String(error)}`);
    }
    const { routing, filters } = splitPattern(rule.pattern);
    const consumer = { rule, filters };
    const matched = events.filter((event) =>
      matchesEventPattern(routing, { source: event.source, 'detail-type': event.detailType }),
    );
    if (matched.length === 0) unmatched.push(consumer);
    else if (matched.length === events.length && !namesDetailType(routing)) busWide.push(consumer);
    else {
      for (const event of matched) {
        consumers.set(eventKey(event), [...(consumers.get(eventKey(event)) ?? []), consumer]);
      }
    }
  }
  return { consumers, busWide, unmatched };
}

/**
 * The part of a pattern that selects events by source and detail-type, and the names of the other parts.
 * Each `$or` branch keeps its own source and detail-type, so `$or: [{detail-type: [A]}, {detail-type: [B],
 * detail: …}]` still receives only A and B (B filtered on `detail`); a branch naming neither lets every event
 * through that branch, so such an `$or` does not narrow the routing.
 */
function splitPattern(pattern: Record<string, unknown>): {
  routing: Record<string, unknown>;
  filters: string[];
} {
  const routing: Record<string, unknown> = {};
  const filters = new Set<string>();
  for (const [key, value] of Object.entries(pattern)) {
    if (ROUTING_KEYS.includes(key)) routing[key] = value;
    else if (key === '$or' && Array.isArray(value)) {
      const branches = value.map((branch) => splitPattern(isObject(branch) ? branch : {}));
      for (const branch of branches) for (const filter of branch.filters) filters.add(filter);
      if (branches.every((branch) => Object.keys(branch.routing).length > 0)) {
        routing.$or = branches.map((branch) => branch.routing);
      }
    } else filters.add(key);
  }
  return { routing, filters: [...filters].sort() };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function namesDetailType(routing: Record<string, unknown>): boolean {
  return JSON.stringify(routing).includes('"detail-type"');
}
