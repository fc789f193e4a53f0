import { BlockList, isIP } from 'node:net';

// Addresses a webhook must never reach: the function's own host and network, the cloud's metadata service,
// and ranges that are not routable on the internet. Node's BlockList also matches IPv4-mapped IPv6 addresses
// (::ffff:10.0.0.1) against the IPv4 ranges.
const IPV4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including the instance metadata service
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const IPV6_BLOCKED: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96], // NAT64: would reach an IPv4 address through a translator
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo tunnels
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [address, prefix] of IPV4_BLOCKED) blocked.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of IPV6_BLOCKED) blocked.addSubnet(address, prefix, 'ipv6');

/** Strips the brackets WHATWG URL keeps around an IPv6 host (`[::1]` → `::1`). */
export const unbracket = (host: string) =>
  host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;

/** Whether a host is an IP literal (4 or 6), after URL normalisation. */
export const ipVersionOf = (host: string): 0 | 4 | 6 => isIP(unbracket(host)) as 0 | 4 | 6;

/**
 * Whether an IP address is private, loopback, link-local, unique-local, CGNAT, multicast or otherwise not a
 * public internet address. Anything that is not a valid IP address counts as private (refused).
 */
export function isNonPublicAddress(address: string): boolean {
  const ip = unbracket(address);
  const version = isIP(ip);
  if (version === 0) return true;
  return blocked.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}
