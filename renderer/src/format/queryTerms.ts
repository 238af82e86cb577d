/**
 * Filters as query text: `field:"value"` terms (negated with a leading `-`) that the chips show
 * and edit. The query text stays the one truth: a chip is a top-level term of it, adding a filter
 * appends a term, negating or removing one rewrites only that term's characters.
 */
export type FilterTerm = {
  /** The term's exact text, as it stands in the query. */
  text: string;
  field: string;
  value: string | null;
  negated: boolean;
  start: number;
  end: number;
};

const FIELD_TERM = /^(-?)([A-Za-z_][\w.]*):(?:"((?:[^"\\]|\\.)*)"|([^\s()"]+))$/;

/** Top-level whitespace-separated pieces of the query, quotes and parentheses kept whole. */
function pieces(query: string): { text: string; start: number; end: number; depth0: boolean }[] {
  const out: { text: string; start: number; end: number; depth0: boolean }[] = [];
  let depth = 0;
  let i = 0;
  while (i < query.length) {
    while (i < query.length && /\s/.test(query[i]!)) i++;
    if (i >= query.length) break;
    const start = i;
    const startDepth = depth;
    let quoted = false;
    while (i < query.length && (quoted || depth > 0 || !/\s/.test(query[i]!))) {
      const c = query[i]!;
      if (quoted && c === '\\') i++;
      else if (c === '"') quoted = !quoted;
      else if (!quoted && c === '(') depth++;
      else if (!quoted && c === ')') depth = Math.max(0, depth - 1);
      i++;
    }
    out.push({ text: query.slice(start, i), start, end: i, depth0: startDepth === 0 });
  }
  return out;
}

/** The chips of a query: its top-level field terms. None when the query ORs at the top. */
export function filterTerms(query: string): FilterTerm[] {
  const all = pieces(query);
  if (all.some((p) => p.text === 'OR')) return [];
  return all.flatMap((p) => {
    const m = FIELD_TERM.exec(p.text);
    if (!m) return [];
    const value = m[3] !== undefined ? m[3].replace(/\\(["\\])/g, '$1') : m[4]!;
    return [{ text: p.text, field: m[2]!, value, negated: m[1] === '-', start: p.start, end: p.end }];
  });
}

export function quoteValue(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The term that matches `field` = `value` (or its absence for a missing value), or the opposite. */
export function termFor(field: string, value: string | null, negated: boolean): string {
  if (value === null) return `${negated ? '' : '-'}_exists_:${field}`;
  return `${negated ? '-' : ''}${field}:${quoteValue(value)}`;
}

/** The query with `term` added (an OR at the top is grouped first, so the term narrows all of it). */
export function addTerm(query: string, term: string): string {
  const trimmed = query.trim();
  if (trimmed === '') return term;
  if (pieces(trimmed).some((p) => p.text === 'OR')) return `(${trimmed}) ${term}`;
  return `${trimmed} ${term}`;
}

/** The query without the characters of `term` (and the space after it). */
export function removeTerm(query: string, term: FilterTerm): string {
  return (query.slice(0, term.start) + query.slice(term.end)).replace(/\s{2,}/g, ' ').trim();
}

export function negateTerm(query: string, term: FilterTerm): string {
  const flipped = term.negated ? term.text.slice(1) : `-${term.text}`;
  return query.slice(0, term.start) + flipped + query.slice(term.end);
}
