/**
 * Timestamps are stored as UTC epoch ms and shown as ISO-8601 either in UTC (`…Z`) or in the
 * viewer's local zone with an explicit offset, so a copied time is never ambiguous.
 */
export type TimeZoneMode = 'utc' | 'local';

export function formatTs(ts: number, mode: TimeZoneMode): string {
  if (!Number.isFinite(ts)) return String(ts);
  if (mode === 'utc') return new Date(ts).toISOString();
  return formatWithOffset(ts, -new Date(ts).getTimezoneOffset());
}

/** ISO-8601 for `ts` shifted by `offsetMinutes` east of UTC, e.g. `2025-01-02T04:05:06.007+01:00`. */
export function formatWithOffset(ts: number, offsetMinutes: number): string {
  const shifted = new Date(ts + offsetMinutes * 60_000).toISOString(); // …Z, wall time of the zone
  return shifted.slice(0, -1) + formatOffset(offsetMinutes);
}

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${sign}${hours}:${minutes}`;
}
