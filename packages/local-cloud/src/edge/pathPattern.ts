/**
 * A cache behaviour's `PathPattern` as CloudFront matches it: case-sensitive, over the whole path (no query
 * string), `*` for any run of characters (slashes included), `?` for exactly one; a leading `/` is optional
 * (`images/*.jpg` and `/images/*.jpg` are the same pattern). Glob libraries treat `*` as not crossing `/`, so
 * they would route `/api/expenses/123` away from `/api/*`.
 *
 * @example pathPatternMatcher('/api/expenses*')('/api/expenses/01J…') // true
 */
export function pathPatternMatcher(pattern: string): (path: string) => boolean {
  const anchored = pattern.startsWith('/') || pattern.startsWith('*') ? pattern : `/${pattern}`;
  const source = [...anchored]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (path) => regex.test(path);
}
