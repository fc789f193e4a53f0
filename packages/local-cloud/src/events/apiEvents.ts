import type { PutEventsEntry } from '../core/ports';
import { matchesEventPattern } from '../patterns';
import { validationError } from './apiErrors';
import { type Input, requiredString } from './apiInput';
import type { EventBridgeEngine } from './engine';
import { parsePattern } from './pattern';

export function putEvents(engine: EventBridgeEngine, input: Input) {
  return engine.putEvents(input.Entries as PutEventsEntry[]);
}

/** The fields TestEventPattern requires of the event it is given. */
const EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function testEventPattern(_engine: EventBridgeEngine, input: Input) {
  const pattern = parsePattern(requiredString(input, 'EventPattern'));
  const event = parseEvent(requiredString(input, 'Event'));
  return { Result: matchesEventPattern(pattern.value, event) };
}

function parseEvent(text: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw validationError('Parameter Event is not valid. Reason: Event is not valid JSON.');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw validationError('Parameter Event is not valid. Reason: Event must be a JSON object.');
  }
  const missing = EVENT_FIELDS.filter((field) => !(field in event));
  if (missing.length > 0) {
    throw validationError(
      `Parameter Event is not valid. Reason: Provided Event is missing required field(s): ${missing.join(', ')}.`,
    );
  }
  return event as Record<string, unknown>;
}
