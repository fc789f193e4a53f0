import { InvalidWebhookUrlError } from './errors';
import { ipVersionOf, isNonPublicAddress, unbracket } from './network';

/** What a stage allows webhook URLs to be; both off in deployed stages, on only for local development. */
export interface WebhookPolicy {
  /** Accept `http:` as well as `https:` (WEBHOOK_ALLOW_INSECURE). */
  allowInsecure: boolean;
  /** Accept private, loopback and link-local hosts and resolutions (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks: boolean;
  /**
   * Ports a webhook may use (WEBHOOK_ALLOWED_PORTS): absent means the standard ones, 443 and, where http is
   * allowed, 80; `'any'` only for local development (a receiver on a loopback test port).
   */
  allowedPorts?: readonly number[] | 'any';
}

export const STRICT_WEBHOOK_POLICY: WebhookPolicy = { allowInsecure: false, allowPrivateNetworks: false };

/** The ports a policy lets webhooks use, or `'any'`. */
export const allowedWebhookPorts = (policy: WebhookPolicy): readonly number[] | 'any' =>
  policy.allowedPorts ?? (policy.allowInsecure ? [443, 80] : [443]);

/** The port a connection to `url` uses (the WHATWG parser drops a scheme's default port). */
const portOf = (url: URL): number =>
  url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number.parseInt(url.port, 10);

/**
 * Reads WEBHOOK_ALLOWED_PORTS: `standard` (or empty) for the defaults, `any`, or a comma-separated list of ports.
 *
 * @example parseAllowedPorts('443,8443') // [443, 8443]
 */
export function parseAllowedPorts(value: string | undefined): readonly number[] | 'any' | undefined {
  const text = (value ?? '').trim();
  if (text === '' || text === 'standard') return undefined;
  if (text === 'any') return 'any';
  const ports = text.split(',').map((part) => Number(part.trim()));
  if (ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65_535))
    throw new Error(`WEBHOOK_ALLOWED_PORTS must be "standard", "any" or a list of ports, not "${text}"`);
  return ports;
}

const MAX_URL_LENGTH = 2048;
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/**
 * Checks a webhook URL before it is stored and again before every delivery: scheme, port (only the standard
 * ones unless configured, so a webhook cannot probe other services of a host), credentials, host. The WHATWG parser normalises
 * IPv4 written in hex, octal or as one number (`https://0x7f000001` → 127.0.0.1) and IPv6 forms
 * (`[::ffff:10.0.0.1]`), so the address checks see the address the connection would use. Host names are
 * checked again after DNS resolution at delivery time (see `assertPublicResolution`).
 *
 * @example validateWebhookUrl('https://hooks.example.com/spendwise', STRICT_WEBHOOK_POLICY) // URL
 */
export function validateWebhookUrl(raw: string, policy: WebhookPolicy): URL {
  if (raw.length > MAX_URL_LENGTH) throw new InvalidWebhookUrlError('the URL is too long');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidWebhookUrlError('the URL cannot be parsed');
  }
  const schemes = policy.allowInsecure ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol))
    throw new InvalidWebhookUrlError(`the scheme must be ${schemes.map((s) => s.slice(0, -1)).join(' or ')}`);
  if (url.username || url.password)
    throw new InvalidWebhookUrlError('credentials in the URL are not allowed');
  if (url.hash) throw new InvalidWebhookUrlError('a fragment is not allowed');
  const ports = allowedWebhookPorts(policy);
  if (ports !== 'any' && !ports.includes(portOf(url)))
    throw new InvalidWebhookUrlError(`the port must be ${ports.join(' or ')}`, 'port-not-allowed');
  const host = unbracket(url.hostname);
  if (!host) throw new InvalidWebhookUrlError('the URL has no host');
  if (policy.allowPrivateNetworks) return url;
  if (ipVersionOf(host) !== 0) {
    if (isNonPublicAddress(host)) throw new InvalidWebhookUrlError('the host is not a public address');
  } else if (LOCAL_NAMES.test(host.replace(/\.$/, '')) || !host.includes('.')) {
    throw new InvalidWebhookUrlError('the host is not a public name');
  }
  return url;
}

/**
 * Refuses a delivery when any address the host name resolves to is not public: checking once when the URL
 * is saved is not enough, since DNS can later answer with an internal address (DNS rebinding).
 */
export function assertPublicResolution(addresses: readonly string[], policy: WebhookPolicy): void {
  if (addresses.length === 0) throw new InvalidWebhookUrlError('the host name does not resolve');
  if (policy.allowPrivateNetworks) return;
  const refused = addresses.find((address) => isNonPublicAddress(address));
  if (refused !== undefined)
    throw new InvalidWebhookUrlError(`the host name resolves to a non-public address (${refused})`);
}
