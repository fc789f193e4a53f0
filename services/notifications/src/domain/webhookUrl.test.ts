import { describe, expect, it } from '@jest/globals';
import { InvalidWebhookUrlError } from './errors';
import { isNonPublicAddress } from './network';
import {
  assertPublicResolution,
  parseAllowedPorts,
  STRICT_WEBHOOK_POLICY,
  validateWebhookUrl,
} from './webhookUrl';

const LOCAL_DEV = { allowInsecure: true, allowPrivateNetworks: true, allowedPorts: 'any' as const };

describe('validateWebhookUrl under the deployed policy', () => {
  it.each([
    'https://hooks.example.com/spendwise',
    'https://hooks.example.com:443/a?b=c',
    'https://93.184.216.34/hook',
    'https://[2606:4700:4700::1111]/hook',
  ])('accepts %s', (url) => {
    expect(validateWebhookUrl(url, STRICT_WEBHOOK_POLICY).href).toBeTruthy();
  });

  it.each([
    ['plain http', 'http://hooks.example.com/x'],
    ['a port other than 443', 'https://hooks.example.com:8443/x'],
    ['an internal service port', 'https://93.184.216.34:6379/x'],
    ['port 80 over https', 'https://hooks.example.com:80/x'],
    ['another scheme', 'ftp://hooks.example.com/x'],
    ['credentials', 'https://user:pass@hooks.example.com/x'],
    ['a fragment', 'https://hooks.example.com/x#frag'],
    ['not a URL', 'hooks.example.com'],
    ['localhost', 'https://localhost/x'],
    ['a .localhost name', 'https://app.localhost/x'],
    ['a .internal name', 'https://metadata.google.internal/x'],
    ['a single-label name', 'https://intranet/x'],
    ['loopback', 'https://127.0.0.1/x'],
    ['loopback in hex', 'https://0x7f000001/x'],
    ['loopback as one number', 'https://2130706433/x'],
    ['loopback in octal', 'https://017700000001/x'],
    ['shortened loopback', 'https://127.1/x'],
    ['a 10/8 address', 'https://10.0.0.1/x'],
    ['a 172.16/12 address', 'https://172.31.255.255/x'],
    ['a 192.168/16 address', 'https://192.168.1.1/x'],
    ['carrier-grade NAT', 'https://100.64.0.1/x'],
    ['link-local (metadata service)', 'https://169.254.169.254/latest/meta-data'],
    ['the unspecified address', 'https://0.0.0.0/x'],
    ['IPv6 loopback', 'https://[::1]/x'],
    ['IPv6 unspecified', 'https://[::]/x'],
    ['an IPv4-mapped private address', 'https://[::ffff:10.0.0.1]/x'],
    ['an IPv4-mapped loopback in hex', 'https://[::ffff:7f00:1]/x'],
    ['an IPv6 unique-local address', 'https://[fd12:3456:789a::1]/x'],
    ['an IPv6 link-local address', 'https://[fe80::1]/x'],
    ['a NAT64 address', 'https://[64:ff9b::a00:1]/x'],
    ['a 6to4 address', 'https://[2002:a00:1::1]/x'],
    ['IPv6 multicast', 'https://[ff02::1]/x'],
  ])('rejects %s', (_name, url) => {
    expect(() => validateWebhookUrl(url, STRICT_WEBHOOK_POLICY)).toThrow(InvalidWebhookUrlError);
  });
});

describe('validateWebhookUrl under the local-development policy', () => {
  it('accepts http and loopback when both allowances are on', () => {
    expect(validateWebhookUrl('http://127.0.0.1:3000/hook', LOCAL_DEV).port).toBe('3000');
  });

  it('still refuses http when only private networks are allowed', () => {
    const policy = { allowInsecure: false, allowPrivateNetworks: true };

    expect(() => validateWebhookUrl('http://127.0.0.1:3000/hook', policy)).toThrow(InvalidWebhookUrlError);
  });
});

describe('webhook ports', () => {
  it('allows 443, and 80 only where http is allowed', () => {
    const withHttp = { ...STRICT_WEBHOOK_POLICY, allowInsecure: true };

    expect(validateWebhookUrl('http://hooks.example.com/x', withHttp).port).toBe('');
    expect(validateWebhookUrl('https://hooks.example.com/x', withHttp).port).toBe('');
    expect(() => validateWebhookUrl('http://hooks.example.com:8080/x', withHttp)).toThrow(
      expect.objectContaining({ rule: 'port-not-allowed', reason: 'the port must be 443 or 80' }),
    );
  });

  it('allows exactly the configured ports when the stage configures them', () => {
    const policy = { ...STRICT_WEBHOOK_POLICY, allowedPorts: [8443] };

    expect(validateWebhookUrl('https://hooks.example.com:8443/x', policy).port).toBe('8443');
    expect(() => validateWebhookUrl('https://hooks.example.com/x', policy)).toThrow(InvalidWebhookUrlError);
  });

  it('reads WEBHOOK_ALLOWED_PORTS', () => {
    expect(parseAllowedPorts(undefined)).toBeUndefined();
    expect(parseAllowedPorts('standard')).toBeUndefined();
    expect(parseAllowedPorts('any')).toBe('any');
    expect(parseAllowedPorts('443, 8443')).toEqual([443, 8443]);
    expect(() => parseAllowedPorts('443,70000')).toThrow(/WEBHOOK_ALLOWED_PORTS/);
  });
});

describe('assertPublicResolution', () => {
  it('accepts a name that resolves to public addresses only', () => {
    expect(() =>
      assertPublicResolution(['93.184.216.34', '2606:2800:220:1::1'], STRICT_WEBHOOK_POLICY),
    ).not.toThrow();
  });

  it.each([
    ['one private answer among public ones (DNS rebinding)', ['93.184.216.34', '10.0.0.7']],
    ['a mapped loopback answer', ['::ffff:127.0.0.1']],
    ['no answer', []],
  ])('refuses %s', (_name, addresses) => {
    expect(() => assertPublicResolution(addresses, STRICT_WEBHOOK_POLICY)).toThrow(InvalidWebhookUrlError);
  });

  it('treats anything that is not an IP address as non-public', () => {
    expect(isNonPublicAddress('not-an-ip')).toBe(true);
  });
});
