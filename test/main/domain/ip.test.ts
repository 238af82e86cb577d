/** IP addresses as 16 sortable bytes, and CIDR blocks as inclusive byte ranges. */
import { describe, expect, it } from 'vitest';
import { cidrRange, ipToBin } from '../../../main/domain/ip.ts';

const hex = (b: Buffer | null | undefined): string | null => (b ? b.toString('hex') : null);
const V4 = (h: string): string => `00000000000000000000ffff${h}`;

describe('ipToBin', () => {
  it.each([
    ['1.2.3.4', V4('01020304')],
    ['0.0.0.0', V4('00000000')],
    ['255.255.255.255', V4('ffffffff')],
    [' 10.0.0.1 ', V4('0a000001')],
    ['::ffff:1.2.3.4', V4('01020304')],
    ['::FFFF:0102:0304', V4('01020304')],
    ['::', '00000000000000000000000000000000'],
    ['::1', '00000000000000000000000000000001'],
    ['1::', '00010000000000000000000000000000'],
    ['2001:db8::1', '20010db8000000000000000000000001'],
    ['2001:DB8:0:0:0:0:0:1', '20010db8000000000000000000000001'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['1:2:3:4:5:6:7::', '00010002000300040005000600070000'],
    ['::2:3:4:5:6:7:8', '00000002000300040005000600070008'],
    ['1:2:3:4:5:6:1.2.3.4', '00010002000300040005000601020304'],
    ['64:ff9b::192.0.2.33', '0064ff9b0000000000000000c0000221'],
    ['::1.2.3.4', '00000000000000000000000001020304'],
    ['fe80::1%eth0', 'fe800000000000000000000000000001'],
  ])('%s', (ip, expected) => {
    expect(hex(ipToBin(ip))).toBe(expected);
  });

  it.each([
    '', ' ', 'abc', '1.2.3', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', '1.2.3.-4', '1.2.3.4/8', '1.2.3.4%eth0',
    '1.2.3.4:80', ':', ':::', ':1', '1:', '1::2::3', '1:::2', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::',
    '12345::', 'g::1', '::1.2.3', '1.2.3.4::', '::ffff:256.1.1.1', 'fe80::1%', '[::1]',
  ])('rejects %j', (ip) => {
    expect(ipToBin(ip)).toBeNull();
  });

  it('orders addresses the way their bytes compare', () => {
    const ips = ['::', '::1', '0.0.0.0', '1.2.3.4', '10.0.0.1', '255.255.255.255', '2001:db8::', 'ffff::'];
    const bins = ips.map((ip) => ipToBin(ip) as Buffer);
    for (let i = 1; i < bins.length; i++) expect(Buffer.compare(bins[i - 1] as Buffer, bins[i] as Buffer)).toBe(-1);
  });
});

describe('cidrRange', () => {
  it.each([
    ['10.0.0.0/8', V4('0a000000'), V4('0affffff')],
    ['10.1.2.3/8', V4('0a000000'), V4('0affffff')], // host bits are ignored
    ['192.168.1.0/24', V4('c0a80100'), V4('c0a801ff')],
    ['172.16.0.0/12', V4('ac100000'), V4('ac1fffff')],
    ['1.2.3.4/31', V4('01020304'), V4('01020305')],
    ['1.2.3.4/32', V4('01020304'), V4('01020304')],
    ['1.2.3.4', V4('01020304'), V4('01020304')],
    ['0.0.0.0/0', V4('00000000'), V4('ffffffff')], // all of IPv4, nothing else
    ['::/0', '00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff'],
    ['2001:db8::/32', '20010db8000000000000000000000000', '20010db8ffffffffffffffffffffffff'],
    ['fe80::/10', 'fe800000000000000000000000000000', 'febfffffffffffffffffffffffffffff'],
    ['::1/128', '00000000000000000000000000000001', '00000000000000000000000000000001'],
    ['::1', '00000000000000000000000000000001', '00000000000000000000000000000001'],
    ['::ffff:10.0.0.0/104', V4('0a000000'), V4('0affffff')],
    ['2001:db8::1/127', '20010db8000000000000000000000000', '20010db8000000000000000000000001'],
  ])('%s', (cidr, lo, hi) => {
    const r = cidrRange(cidr);
    expect([hex(r?.lo), hex(r?.hi)]).toEqual([lo, hi]);
  });

  it.each([
    '', '10.0.0.0/', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/8/8', '10.0.0.0/a', '::/129',
    '/8', 'x/8', '10.0.0/8', '10.0.0.0 /8', '::/1000',
  ])('rejects %j', (cidr) => {
    expect(cidrRange(cidr)).toBeNull();
  });

  it('contains exactly the addresses of the block', () => {
    const r = cidrRange('10.0.0.0/8');
    if (!r) throw new Error('no range');
    const inside = (ip: string): boolean => {
      const b = ipToBin(ip) as Buffer;
      return Buffer.compare(r.lo, b) <= 0 && Buffer.compare(b, r.hi) <= 0;
    };
    expect(['10.0.0.0', '10.255.255.255', '::ffff:10.1.1.1'].map(inside)).toEqual([true, true, true]);
    expect(['9.255.255.255', '11.0.0.0', '::a00:1', '2001:db8::'].map(inside)).toEqual([false, false, false, false]);
  });
});
