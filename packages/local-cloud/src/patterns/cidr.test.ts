import { describe, expect, it } from '@jest/globals';
import { ipInCidr, parseCidr, parseIp } from './cidr';

describe('parseIp', () => {
  it.each([
    { text: '10.0.0.1', value: 0x0a000001n, bits: 32 },
    { text: '::1', value: 1n, bits: 128 },
    { text: '::', value: 0n, bits: 128 },
    { text: '2001:db8::ff00:42:8329', value: 0x20010db8000000000000ff0000428329n, bits: 128 },
    { text: '::ffff:10.0.0.1', value: 0xffff0a000001n, bits: 128 },
  ])('reads $text', ({ text, value, bits }) => {
    expect(parseIp(text)).toEqual({ bits, value });
  });

  it.each(['10.0.0', '10.0.0.256', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '', '10.0.0.1 '])(
    'rejects %j',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );
});

describe('ipInCidr', () => {
  it('treats a /32 as a single host', () => {
    const cidr = parseCidr('192.168.1.7/32');
    if (typeof cidr === 'string') throw new Error(cidr);

    expect([ipInCidr('192.168.1.7', cidr), ipInCidr('192.168.1.8', cidr)]).toEqual([true, false]);
  });

  it('ignores host bits set in the network address', () => {
    const cidr = parseCidr('10.0.0.77/24');
    if (typeof cidr === 'string') throw new Error(cidr);

    expect(ipInCidr('10.0.0.1', cidr)).toBe(true);
  });
});
