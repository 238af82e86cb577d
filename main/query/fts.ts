/**
 * FTS5 MATCH strings built from user terms. Every term becomes one FTS5 string literal
 * (`"…"`, inner `"` doubled), which the tokenizer splits into a phrase: FTS5 operators, column
 * filters and parentheses typed by the user are plain text inside it. Only this module writes
 * FTS5 syntax (`AND`, `OR`, `*`, parentheses) around those literals.
 */

/** Characters unicode61 indexes by default (categories L*, N*, Co); anything else separates. */
const SEARCHABLE = /[\p{L}\p{N}\p{Co}]/u;

/** One FTS5 string literal. NUL would end the query string inside SQLite, so it becomes a space. */
function literal(text: string): string {
  return `"${text.replace(/\0/g, ' ').replace(/"/g, '""')}"`;
}

/**
 * The FTS5 query for one term, or null when it has no searchable characters (an empty MATCH
 * would match nothing, silently). A bare word ending in `*` is a prefix search; in a quoted
 * phrase `*` is literal (and, being punctuation, not indexed).
 */
export function ftsTerm(text: string, quoted: boolean): string | null {
  const body = quoted ? text : text.replace(/\*+$/, '');
  if (!SEARCHABLE.test(body)) return null;
  return body.length < text.length ? `${literal(body)} *` : literal(body);
}

/** Terms all required (FTS5 AND), or any (OR); compound parts must arrive parenthesised. */
export function ftsJoin(parts: readonly string[], op: 'and' | 'or'): string {
  return parts.join(op === 'and' ? ' AND ' : ' OR ');
}
