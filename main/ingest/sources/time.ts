/**
 * Timestamp parsing without `Date.parse`: its treatment of zone-less strings (local time) and of
 * more than 3 fractional digits differs between engines, and audit times must not depend on the
 * machine they are imported on.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * UTC epoch ms of an ISO-8601 / RFC 3339 date-time, or null when it is not one. Fractional digits
 * beyond milliseconds are truncated (the caller keeps the original string). A string without a
 * zone is rejected unless `assumeUtc` says the source documents it as UTC (Microsoft 365).
 */
export function parseIsoMs(value: string, opts: { assumeUtc?: boolean } = {}): number | null {
  const m = ISO.exec(value.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (zone === undefined && opts.assumeUtc !== true) return null;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February over into March; a real date must survive the round trip.
  const check = new Date(utc);
  if (check.getUTCDate() !== day && second !== 60) return null;
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Epoch ms from a number or a string of digits (GitHub's `@timestamp`), else null. */
export function parseEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^\d{1,16}$/.test(value)) return Number(value);
  return null;
}
