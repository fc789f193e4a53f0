import { invalidParameter, missingParameter, sqsError } from '../errors';
import type { MessageMoveTasks } from '../moveTasks';
import type { QueueRegistry } from '../registry';

/** A request body as the JSON protocol carries it. */
export type Input = Record<string, unknown>;

/** What every action handler gets. */
export interface ApiDeps {
  registry: QueueRegistry;
  moveTasks: MessageMoveTasks;
}

export type ActionHandler = (input: Input, deps: ApiDeps) => object | Promise<object>;

/** A required string parameter. */
export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw missingParameter(name);
  return value;
}

/** An optional integer parameter within [min, max], with SQS's wording when out of range. */
export function optionalInteger(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw invalidParameter(
      `Value ${String(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
    );
  }
  return number;
}

/** An optional map of strings (queue attributes, tags). */
export function stringMap(input: Input, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(`${name} must be a map.`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** An optional list of strings (attribute names, tag keys). */
export function stringList(input: Input, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw invalidParameter(`${name} must be a list of strings.`);
  }
  return value;
}

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The Entries of a batch request, checked as SQS checks them (1–10, distinct valid ids). */
export function batchEntries(input: Input): Input[] {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw sqsError(
      'EmptyBatchRequest',
      'There should be at least one SendMessageBatchRequestEntry in the request.',
    );
  }
  if (entries.length > 10) {
    throw sqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
    );
  }
  const ids = new Set<string>();
  for (const entry of entries as Input[]) {
    const id = entry?.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) {
      throw sqsError(
        'InvalidBatchEntryId',
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.`,
      );
    }
    if (ids.has(id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    ids.add(id);
  }
  return entries as Input[];
}
