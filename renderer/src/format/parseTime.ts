/**
 * A time the user typed ("2026-03-01 14:00", "2026-03-01T14:00:05Z", "2026-03-01") read in the
 * zone the table shows, unless it names its own (Z or ±hh:mm). Returns epoch ms, or a sentence
 * saying what was expected.
 */
import type { TimeZoneMode } from './time.ts';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export type ParsedTime = { ok: true; ts: number } | { ok: false; message: string };

export function parseTypedTime(text: string, mode: TimeZoneMode): ParsedTime {
  const match = PATTERN.exec(text.trim());
  const expected = 'Type a time as 2026-03-01 14:00 (or 2026-03-01, or with seconds).';
  if (!match) return { ok: false, message: expected };
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = match;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))] as const;
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
    return { ok: false, message: `"${text.trim()}" is not a valid date and time. ${expected}` };
  }
  let ts: number;
  if (zone) {
    const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone);
    ts = Date.UTC(...parts) - offset * 60_000;
  } else if (mode === 'utc') {
    ts = Date.UTC(...parts);
  } else {
    ts = new Date(...parts).getTime();
  }
  // Date rolls 2026-02-31 over into March: refuse it rather than jump somewhere unexpected.
  const check = zone || mode === 'utc' ? new Date(Date.UTC(...parts)) : new Date(...parts);
  const day = zone || mode === 'utc' ? check.getUTCDate() : check.getDate();
  if (day !== parts[2] || !Number.isFinite(ts)) return { ok: false, message: `"${text.trim()}" is not a valid date and time. ${expected}` };
  return { ok: true, ts };
}

function offsetMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}
