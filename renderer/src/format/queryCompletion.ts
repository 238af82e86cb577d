/**
 * What the query box can complete at the caret: a field name (`outc` → `outcome:`) or a value of
 * the field being typed (`outcome:f` → `failure`), and the text once a suggestion is taken. Field
 * names come from the query language's own list (common/query-fields.ts); values are the
 * caller's (top values of the view). Pure, so the box and its tests share it.
 */
import { queryFieldByName, queryFieldNames, type QueryField } from '../../../common/query-fields.ts';
import { quoteValue } from './queryTerms.ts';

export type CompletionContext =
  /** `start`–`end` is the text a suggestion replaces. */
  | { kind: 'field'; prefix: string; start: number; end: number }
  | { kind: 'value'; field: QueryField; prefix: string; quoted: boolean; start: number; end: number };

export type CompletionItem = { label: string; insert: string; detail: string };

export const MAX_ITEMS = 12;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);
const FIELD_NAME = /^[A-Za-z_][\w.]*$/;
const FIELD_VALUE = /^([A-Za-z_][\w.]*):(.*)$/s;
const BARE_VALUE = /^[^\s()"\\]+$/;

/** Where the piece of query under the caret starts: after the last space or `(` outside quotes. */
function pieceStart(text: string, caret: number): { start: number; inQuote: boolean } {
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < caret; i++) {
    const c = text[i]!;
    if (inQuote && c === '\\') i++;
    else if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (/\s/.test(c) || c === '(' || c === ')')) start = i + 1;
  }
  return { start, inQuote };
}

/** What the caret is in, or null where nothing completes (inside a phrase, after `ts>=`, a keyword). */
export function completionContext(text: string, caret: number): CompletionContext | null {
  const { start: rawStart, inQuote } = pieceStart(text, caret);
  const negated = text[rawStart] === '-';
  const start = rawStart + (negated ? 1 : 0);
  const piece = text.slice(start, caret);
  const match = FIELD_VALUE.exec(piece);
  if (match) {
    const field = queryFieldByName(match[1]!);
    // `tag:` completes from the tags in use (state/tagValues.ts); other fields without a facet or a list do not.
    if (!field || (field.facet === null && !field.values && field.kind !== 'tag')) return null;
    const rest = match[2]!;
    if (rest.startsWith('(')) return null;
    const quoted = rest.startsWith('"');
    // An open quote runs to the caret; a closed one loses its closing quote.
    const inner = quoted ? rest.slice(1, inQuote ? undefined : -1) : rest;
    const prefix = quoted ? inner.replace(/\\(["\\])/g, '$1') : rest;
    const valueStart = start + match[1]!.length + 1;
    // A bare value runs to the next space; an open quote to the caret.
    const end = quoted && inQuote ? caret : runEnd(text, caret);
    return { kind: 'value', field, prefix, quoted, start: valueStart, end };
  }
  if (inQuote || piece === '' || !FIELD_NAME.test(piece) || KEYWORDS.has(piece)) return null;
  return { kind: 'field', prefix: piece, start, end: runEnd(text, caret) };
}

function runEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !/[\s()]/.test(text[end]!)) end++;
  return end;
}

/** Names starting with the prefix first, then those containing it; canonical names before aliases. */
export function fieldItems(prefix: string): CompletionItem[] {
  const p = prefix.toLowerCase();
  const names = queryFieldNames();
  const starts = names.filter((n) => n.startsWith(p));
  const contains = names.filter((n) => !n.startsWith(p) && n.includes(p));
  return [...starts, ...contains].slice(0, MAX_ITEMS).map((name) => ({ label: name, insert: `${name}:`, detail: 'field' }));
}

/** The values matching what is typed (top values first, in their order), and an enum's other values. */
export function valueItems(context: Extract<CompletionContext, { kind: 'value' }>, top: { value: string | null; count: number }[]): CompletionItem[] {
  const p = context.prefix.toLowerCase();
  const seen = new Set<string>();
  const candidates: { value: string; count: number | null }[] = [];
  for (const t of top) if (t.value !== null && t.value !== '') candidates.push({ value: t.value, count: t.count });
  for (const v of context.field.values ?? []) candidates.push({ value: v, count: null });
  const unique = candidates.filter((c) => !seen.has(c.value) && seen.add(c.value));
  const starts = unique.filter((c) => c.value.toLowerCase().startsWith(p));
  const contains = unique.filter((c) => !c.value.toLowerCase().startsWith(p) && c.value.toLowerCase().includes(p));
  return [...starts, ...contains]
    // A value typed in full has nothing left to complete.
    .filter((c) => c.value !== context.prefix)
    .slice(0, MAX_ITEMS)
    .map((c) => ({ label: c.value, insert: valueText(c.value, context.quoted), detail: c.count === null ? 'value' : c.count.toLocaleString('en-US') }));
}

function valueText(value: string, quoted: boolean): string {
  return !quoted && BARE_VALUE.test(value) ? value : quoteValue(value);
}

/** The text with the suggestion in place, and where the caret goes: after a field's colon, or after a value and a space. */
export function applyCompletion(text: string, context: CompletionContext, item: CompletionItem): { text: string; caret: number } {
  const before = text.slice(0, context.start);
  const after = text.slice(context.end);
  const insert = context.kind === 'value' && !/^\s/.test(after) ? `${item.insert} ` : item.insert;
  return { text: before + insert + after, caret: before.length + insert.length };
}
