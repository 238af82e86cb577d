/** A tenant's oldest/newest time to the minute, in the view's zone (UTC or local with its offset). */
import { formatTs, type TimeZoneMode } from '../../format/time.ts';

export function shortTime(ts: number | null, mode: TimeZoneMode): string {
  return ts === null ? '—' : formatTs(ts, mode).replace(/:\d\d\.\d{3}/, '');
}
