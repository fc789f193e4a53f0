/** Host names of the loopback interface, as they appear in `URL.hostname`. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const parse = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

const isLoopback = (url: URL) => url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);

/**
 * Whether `given` is one of the `registered` URIs: an exact string match, or — for a registered `http` loopback
 * URI — the same path and query on any loopback host and any port (RFC 8252 §7.3), because the local web app's
 * port changes from run to run and tests use free ports. Fragments are never allowed (RFC 6749 §3.1.2).
 */
export function matchesRegisteredUri(registered: readonly string[], given: string): boolean {
  const url = parse(given);
  if (url === undefined || given.includes('#')) return false;
  return registered.some((entry) => {
    if (entry === given) return true;
    const candidate = parse(entry);
    return (
      candidate !== undefined &&
      isLoopback(candidate) &&
      isLoopback(url) &&
      candidate.pathname === url.pathname &&
      candidate.search === url.search &&
      url.username === '' &&
      url.password === ''
    );
  });
}

/**
 * Whether a browser `origin` (`http://localhost:3000`) is the origin of one of the `registered` URIs, with the
 * same loopback rule: the origins a client's pages are served from, which may call the token endpoint.
 */
export function isOriginOf(registered: readonly string[], origin: string): boolean {
  const given = parse(origin);
  if (!given || given.origin !== origin.replace(/\/$/, '').toLowerCase()) return false;
  return registered.some((entry) => {
    const candidate = parse(entry);
    if (!candidate) return false;
    return candidate.origin === given.origin || (isLoopback(candidate) && isLoopback(given));
  });
}
