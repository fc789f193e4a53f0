/** An IP network: its family, base address and prefix length. */
export interface Cidr {
  readonly bits: 32 | 128;
  readonly base: bigint;
  readonly prefix: number;
}

/** Parses a dotted IPv4 address into a 32-bit integer, or undefined when it is not one. */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    return undefined;
  }
  return parts.reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Expands the groups of one side of an IPv6 `::`, allowing a trailing embedded IPv4 address. */
function ipv6Groups(side: string): number[] | undefined {
  if (side === '') {
    return [];
  }
  const groups: number[] = [];
  const parts = side.split(':');
  for (const [i, part] of parts.entries()) {
    const v4 = i === parts.length - 1 && part.includes('.') ? parseIpv4(part) : undefined;
    if (v4 !== undefined) {
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** Parses an IPv6 address (with `::` compression) into a 128-bit integer, or undefined. */
function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const head = ipv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? ipv6Groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) {
    return undefined;
  }
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
    return undefined;
  }
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/** Parses an IP address of either family. */
export function parseIp(text: string): { bits: 32 | 128; value: bigint } | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) {
    return { bits: 32, value: v4 };
  }
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 === undefined ? undefined : { bits: 128, value: v6 };
}

/**
 * Parses `address/prefix`, returning the reason AWS gives when it is malformed (event-ruler CIDR.java and
 * SNS answer "Malformed CIDR, one '/' required", "Malformed CIDR, mask bits must be an integer",
 * "Nonstandard IP address: …").
 */
export function parseCidr(text: string): Cidr | string {
  const parts = text.split('/');
  if (parts.length !== 2) {
    return "Malformed CIDR, one '/' required";
  }
  const [address = '', mask = ''] = parts;
  if (!/^\d+$/.test(mask)) {
    return 'Malformed CIDR, mask bits must be an integer';
  }
  const ip = parseIp(address);
  if (ip === undefined) {
    return `Nonstandard IP address: ${address}`;
  }
  const prefix = Number(mask);
  if (prefix > ip.bits) {
    return `Malformed CIDR, mask bits must not be greater than ${ip.bits}`;
  }
  return { bits: ip.bits, base: ip.value, prefix };
}

/** True when `address` is an IP address of the CIDR's family inside the CIDR's network. */
export function ipInCidr(address: string, cidr: Cidr): boolean {
  const ip = parseIp(address);
  if (ip === undefined || ip.bits !== cidr.bits) {
    return false;
  }
  const hostBits = BigInt(cidr.bits - cidr.prefix);
  return ip.value >> hostBits === cidr.base >> hostBits;
}
