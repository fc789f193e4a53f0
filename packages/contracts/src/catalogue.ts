import { DETAIL_TYPES, type EventDetails, eventRegistry } from './generated/registry';
import type { StandaloneValidator } from './validatorRuntime';

/** The `detail-type` of every event in the catalogue. */
export type DetailType = keyof EventDetails;

/** The schema versions of one detail-type. */
export type EventVersion<T extends DetailType> = keyof EventDetails[T] & number;

/** The version producers emit for a detail-type. */
export type LatestVersion<T extends DetailType> = (typeof eventRegistry)[T]['latest'];

/** The EventBridge `source` of a detail-type. */
export type EventSource<T extends DetailType> = (typeof eventRegistry)[T]['source'];

/** The `detail` of a detail-type at a version (the latest unless given). */
export type EventDetail<
  T extends DetailType,
  V extends EventVersion<T> = LatestVersion<T>,
> = EventDetails[T][V];

/** The `detail.data` of the latest version of a detail-type. */
export type EventData<T extends DetailType> = EventDetail<T> extends { data: infer D } ? D : never;

/** An event ready to publish: for `DetailType` itself, the union over every detail-type and version. */
export type EventEnvelope<T extends DetailType = DetailType> = {
  [K in T]: {
    [V in EventVersion<K>]: { source: EventSource<K>; detailType: K; detail: EventDetails[K][V] };
  }[EventVersion<K>];
}[T];

/** An event of the latest version of its detail-type, as `createEvent` builds it. */
export interface LatestEventEnvelope<T extends DetailType> {
  source: EventSource<T>;
  detailType: T;
  detail: EventDetail<T>;
}

/** One detail-type at one version, with the validator of its detail schema. */
export interface EventDefinition {
  readonly source: string;
  readonly detailType: DetailType;
  readonly version: number;
  readonly validate: StandaloneValidator<unknown>;
}

/**
 * One detail-type in every schema version, as the registry exports it (`ExpenseRecordedVersions`, …): what a
 * consumer passes to `subscribe`.
 */
export interface EventVersions<T extends DetailType = DetailType> {
  readonly detailType: T;
  readonly source: string;
  readonly latest: number;
  readonly versions: Readonly<Record<number, EventDefinition>>;
}

/** True when `value` names an event of the catalogue (`constructor` and other inherited names are not one). */
export function isDetailType(value: unknown): value is DetailType {
  return typeof value === 'string' && (DETAIL_TYPES as readonly string[]).includes(value);
}

/** The definition of `detailType` at `version`, or undefined when that version does not exist. */
export function findEventDefinition(detailType: DetailType, version: unknown): EventDefinition | undefined {
  const versions: Record<number, EventDefinition> = eventRegistry[detailType].versions;
  return typeof version === 'number' && Object.hasOwn(versions, version) ? versions[version] : undefined;
}

/** The definition producers use for `detailType`: its latest version. */
export function latestEventDefinition(detailType: DetailType): EventDefinition {
  const entry = eventRegistry[detailType];
  return findEventDefinition(detailType, entry.latest)!;
}
