import { describe, expect, it } from 'vitest';
import { cleanIp } from '../../../main/ingest/sources/fields.ts';
import { parseEpochMs, parseIsoMs } from '../../../main/ingest/sources/time.ts';

describe('timestamps', () => {
  it('reads ISO-8601 with any fractional digits and any offset as UTC ms', () => {
    expect(parseIsoMs('2024-02-29T23:59:59.9999999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseIsoMs('2021-03-06T04:07:38.251122+00:00')).toBe(Date.UTC(2021, 2, 6, 4, 7, 38, 251));
    expect(parseIsoMs('2024-01-01T05:30:00+05:30')).toBe(Date.UTC(2024, 0, 1));
    expect(parseIsoMs('2023-12-31T19:00:00-0500')).toBe(Date.UTC(2024, 0, 1));
    expect(parseIsoMs('2024-01-01 00:00:00.5z')).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, 500));
  });

  it('refuses a zone-less time unless the source documents it as UTC', () => {
    expect(parseIsoMs('2022-05-07T12:55:53')).toBeNull();
    expect(parseIsoMs('2022-05-07T12:55:53', { assumeUtc: true })).toBe(Date.UTC(2022, 4, 7, 12, 55, 53));
  });

  it('refuses impossible dates and other shapes', () => {
    for (const bad of ['2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '07/05/2022 12:55', '', '2024-01-01']) {
      expect(parseIsoMs(bad), bad).toBeNull();
    }
  });

  it('reads epoch milliseconds from numbers and digit strings only', () => {
    expect(parseEpochMs(1718013600123)).toBe(1718013600123);
    expect(parseEpochMs('1718013600123')).toBe(1718013600123);
    expect(parseEpochMs(1.5)).toBeNull();
    expect(parseEpochMs('2024-01-01')).toBeNull();
  });
});

describe('addresses', () => {
  it('drops ports and brackets, keeps bare addresses, refuses names', () => {
    expect(cleanIp('203.0.113.5:443')).toBe('203.0.113.5');
    expect(cleanIp('[2001:db8::1]:8443')).toBe('2001:db8::1');
    expect(cleanIp('[2001:db8::1]')).toBe('2001:db8::1');
    expect(cleanIp('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(cleanIp('ec2.amazonaws.com')).toBeNull();
    expect(cleanIp('999.1.1.1')).toBeNull();
  });
});
