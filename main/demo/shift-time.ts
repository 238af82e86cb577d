/**
 * Moves the timestamp of one JSON audit record by a number of milliseconds, rewriting only the
 * timestamp's own characters in the line and keeping the source's format (ISO string with the
 * same precision and zone style, or epoch ms), so the shifted copy is what the source would
 * have sent at the shifted time.
 */
import { asObject } from '../ingest/sources/fields.ts';
import { parseEpochMs, parseIsoMs } from '../ingest/sources/time.ts';

/** Timestamp fields per source, top level of the record. */
const TIME_FIELDS = ['published', '@timestamp', 'created_at', 'eventTime', 'CreationTime', 'ts'] as const;

export function shiftLine(line: string, shiftMs: number): string {
  if (line.trim().length === 0) return line;
  const obj = asObject(JSON.parse(line));
  if (obj === null) throw new Error('A demo record is not a JSON object.');
  let out = line;
  let shifted = 0;
  for (const field of TIME_FIELDS) {
    const value = obj[field];
    if (value === undefined) continue;
    const from = `${JSON.stringify(field)}:${JSON.stringify(value)}`;
    const at = out.indexOf(from);
    if (at === -1) throw new Error(`Cannot find "${field}" written compactly in a demo record.`);
    const to = `${JSON.stringify(field)}:${JSON.stringify(shiftValue(value, shiftMs))}`;
    out = out.slice(0, at) + to + out.slice(at + from.length);
    shifted++;
  }
  if (shifted === 0) throw new Error('A demo record has no timestamp field to shift.');
  return out;
}

function shiftValue(value: unknown, shiftMs: number): unknown {
  const ms = parseEpochMs(value);
  if (ms !== null) return typeof value === 'number' ? ms + shiftMs : String(ms + shiftMs);
  if (typeof value === 'string') return shiftIso(value, shiftMs);
  throw new Error(`Cannot shift the timestamp ${JSON.stringify(value)}.`);
}

/** Shifts an ISO time keeping its fractional digits and its zone style ("Z", none, or an offset). */
export function shiftIso(value: string, shiftMs: number): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (m === null) throw new Error(`Cannot shift the timestamp "${value}".`);
  const [, , frac, zone] = m;
  const offsetMs = zone === undefined || zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1)
    * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  const ms = parseIsoMs(value, { assumeUtc: true });
  if (ms === null) throw new Error(`Cannot shift the timestamp "${value}".`);
  // Sub-millisecond digits are carried over unchanged: whole-day shifts never touch them.
  const local = new Date(ms + shiftMs + offsetMs).toISOString().slice(0, 23);
  const fraction = frac === undefined ? '' : `.${(local.slice(20, 23) + frac.slice(3)).slice(0, frac.length)}`;
  return `${local.slice(0, 19)}${fraction}${zone ?? ''}`;
}
