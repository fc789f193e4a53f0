import type { ResolvedResource } from '../core/resources';

/** A string property, or undefined. */
export const str = (resource: ResolvedResource, name: string): string | undefined => {
  const value = resource.properties[name];
  return typeof value === 'string' ? value : undefined;
};

/** A list of strings (non-strings dropped), or []. */
export const strList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** A number property (CloudFormation often passes numbers as strings), or undefined. */
export const num = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
};

/** A boolean property given as boolean or as 'true' / 'false'. */
export const bool = (value: unknown): boolean | undefined =>
  typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
