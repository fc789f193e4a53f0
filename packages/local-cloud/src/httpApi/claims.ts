/**
 * Renders JWT claims the way HTTP APIs hand them to a function: every value a string — numbers and booleans
 * stringified, arrays in Go's bracket form (`[admin poweruser]`), objects as JSON text, null claims left out.
 */
export function claimsAsStrings(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value !== null && value !== undefined) claims[name] = renderClaim(value);
  }
  return claims;
}

function renderClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(' ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Scopes of a token from `scp` (array or space-separated) or else `scope` (space-separated). */
export function tokenScopes(payload: Record<string, unknown>): string[] {
  const source = payload.scp ?? payload.scope;
  if (Array.isArray(source)) return source.filter((scope): scope is string => typeof scope === 'string');
  return typeof source === 'string' ? source.split(' ').filter((scope) => scope !== '') : [];
}
