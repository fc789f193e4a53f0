import { missingMemberError, validationError } from './apiErrors';

/** A decoded JSON request body. */
export type Input = Record<string, unknown>;

/** A required string member; `ValidationException` names the member in camelCase as AWS does. */
export function requiredString(input: Input, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') throw missingMemberError(camel(member));
  return value;
}

export function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(`Member ${camel(member)} must be a string.`);
  return value;
}

/** A timestamp member: epoch seconds (how SDKs send them over JSON) or an ISO string. */
export function requiredTime(input: Input, member: string): Date {
  const value = input[member];
  if (value === undefined || value === null) throw missingMemberError(camel(member));
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw validationError(`Parameter ${member} is not a valid timestamp.`);
  return date;
}

/** Timestamps go back as epoch seconds, which SDK v3 parses for awsJson1_1 services. */
export const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

/** Applies NamePrefix, Limit and NextToken (an offset) to a list, as the List* operations page. */
export function page<T extends { name: string }>(
  items: T[],
  input: Input,
): { items: T[]; nextToken?: string } {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const matching = items
    .filter((item) => item.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const start = Number(optionalString(input, 'NextToken') ?? 0) || 0;
  const limit = typeof input.Limit === 'number' && input.Limit > 0 ? input.Limit : 100;
  const slice = matching.slice(start, start + limit);
  const nextToken = start + limit < matching.length ? String(start + limit) : undefined;
  return { items: slice, nextToken };
}

const camel = (member: string) => member.charAt(0).toLowerCase() + member.slice(1);
