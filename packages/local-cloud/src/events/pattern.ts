import { InvalidEventPatternError, matchesEventPattern, validateEventPattern } from '../patterns';
import { invalidPatternError } from './apiErrors';

/** A validated event pattern: the JSON text the API returns and the parsed value the matcher uses. */
export interface ParsedPattern {
  text: string;
  value: unknown;
}

/**
 * Parses and validates an event pattern given as JSON text (API) or as an object (CloudFormation).
 * Throws `InvalidEventPatternException` as EventBridge does.
 */
export function parsePattern(pattern: unknown): ParsedPattern {
  let value = pattern;
  if (typeof pattern === 'string') {
    try {
      value = JSON.parse(pattern);
    } catch {
      throw invalidPatternError('Event pattern is not valid. Reason: Filter is not valid JSON');
    }
  }
  try {
    validateEventPattern(value);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw invalidPatternError(error.message);
    throw error;
  }
  return { text: typeof pattern === 'string' ? pattern : JSON.stringify(pattern), value };
}

/** True when the event matches; a matcher failure counts as no match rather than breaking delivery. */
export function safeMatch(pattern: unknown, event: unknown, onError: (error: unknown) => void): boolean {
  try {
    return matchesEventPattern(pattern, event);
  } catch (error) {
    onError(error);
    return false;
  }
}
