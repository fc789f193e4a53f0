import { matchesEventPattern } from './eventPattern';
import { isPlainObject } from './values';

/** One entry of an event source mapping's `FilterCriteria.Filters`. */
export interface FilterCriteriaFilter {
  Pattern: string;
}

/** The SQS body as JSON when it is a JSON object or array, otherwise undefined (a plain string). */
function jsonBody(body: string): unknown {
  try {
    const parsed = JSON.parse(body) as unknown;
    return isPlainObject(parsed) || Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Properly filtering Amazon SQS messages": a JSON body is matched as JSON by an object pattern for `body`, a
 * plain-string body by a leaf pattern; "If there is a mismatch, Lambda drops the message", and without a `body`
 * pattern the check is skipped.
 */
function sqsRecordMatches(pattern: Record<string, unknown>, record: Record<string, unknown>): boolean {
  const body = record.body;
  if (!Object.hasOwn(pattern, 'body') || typeof body !== 'string') {
    return matchesEventPattern(pattern, record);
  }
  const parsed = jsonBody(body);
  const wantsJson = isPlainObject(pattern.body);
  if (wantsJson !== (parsed !== undefined)) {
    return false;
  }
  return matchesEventPattern(pattern, wantsJson ? { ...record, body: parsed } : record);
}

function parse(pattern: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(pattern) as unknown;
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when a Lambda event source mapping passes `record` to the function: there are no filters, or ANY
 * filter's pattern matches ("If an event matches at least one of the filter criteria, Lambda sends the event
 * to your function"). DynamoDB stream records need nothing special: patterns address
 * `dynamodb.NewImage.<attr>.S` directly.
 *
 * @example filterCriteriaMatch([{ Pattern: '{"body":{"type":["ExpenseRecorded"]}}' }], sqsRecord);
 */
export function filterCriteriaMatch(filters: FilterCriteriaFilter[] | undefined, record: unknown): boolean {
  if (filters === undefined || filters.length === 0) {
    return true;
  }
  const isSqs = isPlainObject(record) && record.eventSource === 'aws:sqs';
  return filters.some(({ Pattern }) => {
    const pattern = parse(Pattern);
    if (pattern === undefined) {
      return false;
    }
    return isSqs ? sqsRecordMatches(pattern, record) : matchesEventPattern(pattern, record);
  });
}
