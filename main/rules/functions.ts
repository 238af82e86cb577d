/**
 * The SQL functions compiled rules call (registered on a reader connection by rule-ops):
 * regular expressions, CIDR ranges and numbers from text. Compiled patterns are cached.
 */
import { cidrRange, ipToBin } from '../domain/ip.ts';

const regexCache = new Map<string, RegExp>();
const cidrCache = new Map<string, { lo: Buffer; hi: Buffer } | null>();

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

export function sigmaRe(value: unknown, source: string, flags: string): number | null {
  const text = asText(value);
  if (text === null) return null;
  const key = `${flags}/${source}`;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re.test(text) ? 1 : 0;
}

export function sigmaCidr(value: unknown, cidr: string): number | null {
  const text = asText(value);
  if (text === null) return null;
  if (!cidrCache.has(cidr)) cidrCache.set(cidr, cidrRange(cidr));
  const range = cidrCache.get(cidr);
  const ip = ipToBin(text.trim());
  if (!range || !ip) return 0;
  return Buffer.compare(ip, range.lo) >= 0 && Buffer.compare(ip, range.hi) <= 0 ? 1 : 0;
}

/** A JSON number, or text that is a plain decimal number; anything else is no number. */
export function sigmaNum(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

interface FunctionHost {
  function(name: string, options: { deterministic: boolean; varargs?: boolean }, fn: (...args: never[]) => unknown): unknown;
}

/** Registers the functions on a better-sqlite3 connection (idempotent per connection). */
export function registerSigmaFunctions(db: FunctionHost): void {
  db.function('sigma_re', { deterministic: true }, sigmaRe as (...args: never[]) => unknown);
  db.function('sigma_cidr', { deterministic: true }, sigmaCidr as (...args: never[]) => unknown);
  db.function('sigma_num', { deterministic: true }, sigmaNum as (...args: never[]) => unknown);
}
