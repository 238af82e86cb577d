import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE_PRESET, isRangePresetId, resolveRange } from '../../../renderer/src/format/rangePresets.ts';

const NOW = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;

describe('range presets', () => {
  it('defaults to all time, which is unbounded', () => {
    expect(DEFAULT_RANGE_PRESET).toBe('all');
    expect(resolveRange('all', NOW)).toEqual({ from: null, to: null });
  });

  it('resolves quick ranges against now, open-ended', () => {
    expect(resolveRange('24h', NOW)).toEqual({ from: NOW - DAY, to: null });
    expect(resolveRange('7d', NOW)).toEqual({ from: NOW - 7 * DAY, to: null });
    expect(resolveRange('180d', NOW)).toEqual({ from: NOW - 180 * DAY, to: null });
  });

  it('recognises only known ids', () => {
    expect(isRangePresetId('90d')).toBe(true);
    expect(isRangePresetId('91d')).toBe(false);
  });
});
