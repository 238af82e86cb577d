/**
 * A small in-memory evaluator of the Sigma detection tree, written apart from the SQL compiler
 * (main/rules/sql.ts) to check it: same meaning, plain JavaScript over the parsed event.
 */
import type { Cond, Piece, ValueTest } from '../../main/rules/ast.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
const lowerAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function at(node: Json | undefined, segs: readonly string[]): Json | undefined {
  let cur = node;
  for (const s of segs) {
    if (!isObject(cur) || !Object.hasOwn(cur, s)) return undefined;
    cur = cur[s];
  }
  return cur;
}

/** The nodes a path reaches: directly, or through one array met on the way. */
function nodes(ev: Json, segs: readonly string[]): (Json | undefined)[] {
  const out: (Json | undefined)[] = [at(ev, segs)];
  for (let cut = 1; cut < segs.length; cut++) {
    const pre = at(ev, segs.slice(0, cut));
    if (Array.isArray(pre)) for (const el of pre) if (isObject(el)) out.push(at(el, segs.slice(cut)));
  }
  return out;
}

function scalarText(v: Json | undefined): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function values(ev: Json, segs: readonly string[]): string[] {
  return nodes(ev, segs).flatMap((n) => (Array.isArray(n) ? n.map(scalarText) : [scalarText(n)])).filter((v): v is string => v !== null);
}

function patternRegex(pieces: readonly Piece[], cased: boolean): RegExp {
  const body = pieces
    .map((p) => ('wild' in p ? (p.wild === '*' ? '[\\s\\S]*' : '[\\s\\S]') : (cased ? p.lit : lowerAscii(p.lit)).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'u');
}

function numberOf(text: string): number | null {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null;
}

function passes(text: string, t: ValueTest): boolean {
  switch (t.t) {
    case 'pattern':
      return patternRegex(t.pieces, t.cased).test(t.cased ? text : lowerAscii(text));
    case 're':
      return new RegExp(t.source, t.flags).test(text);
    case 'num': {
      const n = numberOf(text);
      if (n === null) return false;
      return t.op === '<' ? n < t.value : t.op === '<=' ? n <= t.value : t.op === '>' ? n > t.value : n >= t.value;
    }
    case 'cidr':
      throw new Error('the evaluator does not do CIDR (covered by table tests)');
  }
}

export function evaluate(c: Cond, ev: Json, rawText: string): boolean {
  switch (c.k) {
    case 'and':
      return c.items.every((i) => evaluate(i, ev, rawText));
    case 'or':
      return c.items.some((i) => evaluate(i, ev, rawText));
    case 'not':
      return !evaluate(c.item, ev, rawText);
    case 'const':
      return c.value;
    case 'value':
      return values(ev, c.path).some((v) => c.tests.some((t) => passes(v, t)));
    case 'null': {
      const v = at(ev, c.path);
      return v === undefined || v === null;
    }
    case 'exists':
      return nodes(ev, c.path).some((n) => n !== undefined);
    case 'fieldref': {
      let a = scalarText(at(ev, c.path));
      let b = scalarText(at(ev, c.other));
      if (a === null || b === null) return false;
      if (!c.cased) [a, b] = [lowerAscii(a), lowerAscii(b)];
      return c.op === 'eq' ? a === b : c.op === 'contains' ? a.includes(b) : c.op === 'startswith' ? a.startsWith(b) : a.endsWith(b);
    }
    case 'keyword':
      return patternRegex(c.pieces, false).test(lowerAscii(rawText));
  }
}
