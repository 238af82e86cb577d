import { describe, expect, it } from 'vitest';
import { formatTs, formatWithOffset } from '../../../renderer/src/format/time.ts';

const TS = Date.UTC(2025, 0, 2, 3, 4, 5, 7);

describe('formatTs', () => {
  it('shows UTC as ISO-8601 with Z', () => {
    expect(formatTs(TS, 'utc')).toBe('2025-01-02T03:04:05.007Z');
  });

  it('shows local time with an explicit offset', () => {
    expect(formatTs(TS, 'local')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });
});

describe('formatWithOffset', () => {
  it('shifts the wall time east of UTC', () => {
    expect(formatWithOffset(TS, 60)).toBe('2025-01-02T04:04:05.007+01:00');
  });

  it('handles negative and fractional-hour offsets across a date line', () => {
    expect(formatWithOffset(TS, -5 * 60)).toBe('2025-01-01T22:04:05.007-05:00');
    expect(formatWithOffset(TS, 5 * 60 + 45)).toBe('2025-01-02T08:49:05.007+05:45');
  });

  it('writes UTC itself as +00:00', () => {
    expect(formatWithOffset(TS, 0)).toBe('2025-01-02T03:04:05.007+00:00');
  });
});
