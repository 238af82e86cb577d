/** The quick ranges of the range picker, resolved against "now" when a view is run. */
const DAY_MS = 86_400_000;

export const RANGE_PRESETS = [
  { id: '24h', label: 'Last 24 hours', spanMs: DAY_MS },
  { id: '7d', label: 'Last 7 days', spanMs: 7 * DAY_MS },
  { id: '30d', label: 'Last 30 days', spanMs: 30 * DAY_MS },
  { id: '60d', label: 'Last 60 days', spanMs: 60 * DAY_MS },
  { id: '90d', label: 'Last 90 days', spanMs: 90 * DAY_MS },
  { id: '180d', label: 'Last 180 days', spanMs: 180 * DAY_MS },
  { id: 'all', label: 'All time', spanMs: null },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];
export type ResolvedRange = { from: number | null; to: number | null };

export const DEFAULT_RANGE_PRESET: RangePresetId = 'all';

export function isRangePresetId(value: string): value is RangePresetId {
  return RANGE_PRESETS.some((preset) => preset.id === value);
}

/** Open-ended at `to`, so events synced while the user reads still belong to "last N days". */
export function resolveRange(id: RangePresetId, now: number): ResolvedRange {
  const preset = RANGE_PRESETS.find((p) => p.id === id);
  if (!preset || preset.spanMs === null) return { from: null, to: null };
  return { from: now - preset.spanMs, to: null };
}
