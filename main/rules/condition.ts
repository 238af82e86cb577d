/**
 * The `condition` line: identifiers, `and`/`or`/`not`, parentheses, `1 of`/`any of`/`all of`
 * with a name, a `*` wildcard pattern or `them` (which skips names starting with `_`).
 * Aggregations after `|` (Sigma 1's `count() by`) are refused: correlation rules replace them.
 */
import { InvalidRule, UnsupportedRule, type Cond } from './ast.ts';

type Tok = { v: string; at: number };

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(\(|\)|\||[^\s()|]+)/gy;
  let end = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ v: m[1]!, at: m.index + m[0].length - m[1]!.length });
    end = re.lastIndex;
  }
  if (text.slice(end).trim() !== '') throw new InvalidRule(`condition cannot be read at column ${end + 1}`);
  return out;
}

function namesMatching(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return names.filter((n) => re.test(n));
}

export function parseCondition(text: string, defs: ReadonlyMap<string, Cond>): Cond {
  const toks = tokens(text);
  const names = [...defs.keys()];
  let i = 0;
  const peek = (): string | undefined => toks[i]?.v.toLowerCase();
  const fail = (why: string): never => {
    const at = toks[i]?.at ?? text.length;
    throw new InvalidRule(`condition "${text}": ${why} at column ${at + 1}`);
  };

  const orExpr = (): Cond => {
    const items = [andExpr()];
    while (peek() === 'or') {
      i++;
      items.push(andExpr());
    }
    return items.length === 1 ? items[0]! : { k: 'or', items };
  };
  const andExpr = (): Cond => {
    const items = [notExpr()];
    while (peek() === 'and') {
      i++;
      items.push(notExpr());
    }
    return items.length === 1 ? items[0]! : { k: 'and', items };
  };
  const notExpr = (): Cond => {
    if (peek() === 'not') {
      i++;
      return { k: 'not', item: notExpr() };
    }
    return atom();
  };
  const atom = (): Cond => {
    const t = toks[i];
    if (!t) return fail('an identifier is missing');
    const v = t.v.toLowerCase();
    if (v === '(') {
      i++;
      const inner = orExpr();
      if (peek() !== ')') fail('a closing parenthesis is missing');
      i++;
      return inner;
    }
    if (v === '|') throw new UnsupportedRule('aggregation in the condition (after |) is Sigma 1 syntax; use a correlation rule');
    if ((v === '1' || v === 'any' || v === 'all') && toks[i + 1]?.v.toLowerCase() === 'of') {
      const target = toks[i + 2];
      if (!target) { i += 2; return fail('a name or them is missing after "of"'); }
      i += 3;
      const matched = namesMatching(target.v, names);
      if (matched.length === 0) { i -= 1; return fail(`no search identifier matches ${target.v}`); }
      const items = matched.map((n) => defs.get(n)!);
      if (items.length === 1) return items[0]!;
      return v === 'all' ? { k: 'and', items } : { k: 'or', items };
    }
    if (/^\d+$/.test(v) && toks[i + 1]?.v.toLowerCase() === 'of') throw new UnsupportedRule(`"${t.v} of" (only 1 of, any of and all of are defined)`);
    if (['and', 'or', ')', 'of'].includes(v)) return fail(`unexpected "${t.v}"`);
    const def = defs.get(t.v);
    if (!def) return fail(`unknown search identifier ${t.v}`);
    i++;
    return def;
  };

  const result = orExpr();
  if (i < toks.length) {
    if (toks[i]!.v === '|') throw new UnsupportedRule('aggregation in the condition (after |) is Sigma 1 syntax; use a correlation rule');
    fail(`unexpected "${toks[i]!.v}"`);
  }
  return result;
}
