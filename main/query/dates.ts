/**
 * Dates in queries: ISO-8601 at any precision from a year down to a fraction of a second, UTC
 * unless a zone is given. A date names a span ([lo, hi) in epoch ms) as long as its precision,
 * so `ts:2025-01-01` is that whole day and `ts<=2025-01-31` includes all of the 31st.
 */

export interface TimeSpan {
  lo: number;
  hi: number;
}

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

/** Epoch ms of a UTC civil time; setUTCFullYear keeps years 0–99 literal (Date.UTC does not). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function daysIn(y: number, mo: number): number {
  return new Date(utc(y, mo + 1, 1) - 86_400_000).getUTCDate();
}

/** Offset east of UTC in ms, or null when out of range. */
function zoneOffset(zone: string | undefined): number | null {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (h > 23 || m > 59) return null;
  return sign * (h * 60 + m) * 60_000;
}

/** The span a date names, or null when it is not a valid date. */
export function parseTimeSpan(text: string): TimeSpan | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const y = Number(ys);
  const mo = mos === undefined ? 1 : Number(mos);
  const d = ds === undefined ? 1 : Number(ds);
  const h = hs === undefined ? 0 : Number(hs);
  const mi = mis === undefined ? 0 : Number(mis);
  const s = ss === undefined ? 0 : Number(ss);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3)); // truncated to ms
  const offset = zoneOffset(zone);
  if (offset === null) return null;
  const lo = utc(y, mo, d, h, mi, s, ms) - offset;
  let hi: number;
  if (frac !== undefined) hi = lo + 1;
  else if (ss !== undefined) hi = lo + 1000;
  else if (mis !== undefined) hi = lo + 60_000;
  else if (hs !== undefined) hi = lo + 3_600_000;
  else if (ds !== undefined) hi = lo + 86_400_000;
  else if (mos !== undefined) hi = utc(y, mo + 1, 1) - offset;
  else hi = utc(y + 1, 1, 1) - offset;
  return { lo, hi };
}
