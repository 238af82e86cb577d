/** Readers for untrusted JSON: normalisers read every field through these, never by casting. */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** A non-empty string, or a finite number as text; anything else (objects, '', null) is null. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

/** The value at a path of keys, or undefined when any step is missing. */
export function at(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    const o = asObject(cur);
    if (o === null) return undefined;
    cur = o[key];
  }
  return cur;
}

export function textAt(obj: unknown, ...path: string[]): string | null {
  return text(at(obj, ...path));
}

/** The first entry of an array that is an object, or null. */
export function firstObject(value: unknown): JsonObject | null {
  if (!Array.isArray(value)) return null;
  for (const item of value) {
    const o = asObject(item);
    if (o !== null) return o;
  }
  return null;
}

/** A short, single-line excerpt of a record for error messages. */
export function excerpt(raw: string, max = 80): string {
  const flat = raw.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The record as an object, or an error naming what was expected. */
export function requireObject(obj: unknown, what: string, raw: string): JsonObject {
  const o = asObject(obj);
  if (o === null) throw new Error(`Expected ${what} as a JSON object, got: ${excerpt(raw)}`);
  return o;
}

export { emailOrNull } from '../../domain/event.ts';

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** True for an IPv4 or IPv6 literal (IPv6 checked loosely: hex groups and colons, optional zone or v4 tail). */
export function isIp(value: string): boolean {
  if (IPV4.test(value)) return true;
  return value.includes(':') && /^[0-9a-f:.]+(?:%[\w.-]+)?$/i.test(value) && value.split(':').length <= 9;
}

/**
 * An address as a source wrote it, reduced to the bare IP: drops an IPv4 port ("1.2.3.4:443"),
 * IPv6 brackets and port ("[2001:db8::1]:443"). Returns null when nothing IP-like is left.
 */
export function cleanIp(value: string | null): string | null {
  if (value === null) return null;
  let v = value.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracket?.[1] !== undefined) v = bracket[1];
  else {
    const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(v);
    if (v4port?.[1] !== undefined) v = v4port[1];
  }
  return isIp(v) ? v : null;
}
