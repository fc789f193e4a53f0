import type { LocalCloudConfig } from '../core/config';
import type { BusEvent, PutEventsEntry, PutEventsResultEntry } from '../core/ports';
import { validationError } from './apiErrors';
import { isoSeconds } from './clock';

/** PutEvents quotas: 1–10 entries, at most 256 KB of entries per request. */
export const MAX_ENTRIES = 10;
export const MAX_ENTRIES_BYTES = 256 * 1024;

const utf8 = (text: unknown) => (typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : 0);

/** An entry's size as EventBridge counts it: Time is 14 bytes; Source, DetailType, Detail, Resources by UTF-8 bytes. */
export function entrySize(entry: PutEventsEntry): number {
  const resources = (entry.Resources ?? []).reduce((sum, resource) => sum + utf8(resource), 0);
  return (
    (entry.Time !== undefined ? 14 : 0) +
    utf8(entry.Source) +
    utf8(entry.DetailType) +
    utf8(entry.Detail) +
    resources
  );
}

/** Checks what fails the whole request (`ValidationException`): the entry count and the total size. */
export function checkPutEventsRequest(entries: unknown): PutEventsEntry[] {
  if (!Array.isArray(entries)) {
    throw validationError(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    throw validationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
    );
  }
  const total = entries.reduce((sum: number, entry: PutEventsEntry) => sum + entrySize(entry), 0);
  if (total > MAX_ENTRIES_BYTES)
    throw validationError('Total size of the entries in the request is over the limit.');
  return entries;
}

const invalid = (member: string): PutEventsResultEntry => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
});

/** The per-entry error EventBridge answers for an entry it rejects, or undefined when the entry is accepted. */
export function entryError(entry: PutEventsEntry): PutEventsResultEntry | undefined {
  if (!entry.Source) return invalid('Source');
  if (!entry.DetailType) return invalid('DetailType');
  if (!entry.Detail) return invalid('Detail');
  if (!isJsonObject(entry.Detail))
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  return undefined;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Entry Time as the SDK sends it (epoch seconds) or as callers of the port give it (Date or ISO string). */
function eventTime(time: unknown, now: Date): Date {
  if (time === undefined || time === null) return now;
  const date = typeof time === 'number' ? new Date(time * 1000) : new Date(time as string | Date);
  return Number.isNaN(date.getTime()) ? now : date;
}

/** The event EventBridge builds from an accepted entry. */
export function buildEvent(
  entry: PutEventsEntry,
  id: string,
  config: Pick<LocalCloudConfig, 'region' | 'accountId'>,
  now: Date,
): BusEvent {
  return {
    version: '0',
    id,
    'detail-type': entry.DetailType as string,
    source: entry.Source as string,
    account: config.accountId,
    time: isoSeconds(eventTime(entry.Time, now)),
    region: config.region,
    resources: entry.Resources ?? [],
    detail: JSON.parse(entry.Detail as string),
  };
}
