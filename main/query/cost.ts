/**
 * What a query may cost, bounded on its syntax tree before any SQL runs. A reader cannot stop
 * SQLite mid-statement (better-sqlite3 exposes neither sqlite3_interrupt nor a progress
 * handler), and the work inside a full-text lookup cannot be checked from JavaScript, so the
 * shapes whose cost multiplies are refused up front with the limit and the column to fix.
 *
 * Measured on the simulator's 100,000-event workspace (test/sim), count of the whole view:
 * one `a*` 277 ms (it fans out over 20,000 words), ten 1.6 s; one `us*` (the costliest
 * two-character prefix) 89 ms, ten 435 ms; 100 column terms in one OR 350 ms, 1,000 7 s;
 * the commonest word as a lookup of its own 20–40 ms each. Costs grow with the workspace (×10
 * at 1M events); the limits keep the worst shape within a few seconds there, and cancel frees the
 * reader meanwhile (main/store-host). On the 7,000-event demo, 1,500 `a*` took 14.5 s.
 * Every word of a phrase, and every repeat of a word, reads its index entries again (the merge
 * into one lookup does not dedupe them): on 100,000 events a phrase of the commonest words took
 * 40 ms at 16 words, 80 ms at 32, 186 ms at 64 and 4.6 s at 1,200; `success` ANDed 32 times 98 ms;
 * two 16-word phrases 77 ms. Hence 16 words a phrase and 32 a query (~1 s at 1M events).
 */
import { QuerySyntaxError } from './errors.ts';
import type { Ast } from './parser.ts';

export const QUERY_LIMITS = {
  /** Terms (field terms, words, phrases) in one query; checked by the parser as it reads them. */
  terms: 200,
  /** Alternatives in one OR list, `field:(a OR b …)` included: each is a test per row scanned. */
  orAlternatives: 100,
  /** Full-text prefix searches (`word*`): each merges the index entries of every word it matches. */
  prefixSearches: 8,
  /** Letters or digits a prefix search needs before its `*` (`a*` matches a fifth of the vocabulary). */
  prefixChars: 2,
  /** Separate full-text lookups: words under NOT or beside field terms each need their own. */
  fullTextLookups: 20,
  /** Words in one phrase (`"a b c"`, `a-b-c`): FTS5 reads every word's index entries to match it. */
  phraseWords: 16,
  /** Full-text words in one query, every word of every phrase and every repeat counted. */
  fullTextWords: 32,
} as const;

/** Characters the full-text tokenizer (unicode61) indexes; anything else separates words. */
const NOT_SEARCHABLE = /[^\p{L}\p{N}\p{Co}]+/u;

/** Free-text terms joined by AND/OR (no NOT, no fields) compile to one full-text lookup. */
export function isPureText(n: Ast): boolean {
  if (n.kind === 'text') return true;
  return (n.kind === 'and' || n.kind === 'or') && n.items.every(isPureText);
}

/** Column of the first term in a subtree, where a message about it points. */
function firstColumn(n: Ast): number {
  switch (n.kind) {
    case 'and':
    case 'or':
      return firstColumn(n.items[0]!);
    case 'not':
      return firstColumn(n.item);
    case 'exists':
      return n.col;
    case 'field':
    case 'text':
      return n.value.col;
  }
}

function* walk(n: Ast): Generator<Ast> {
  yield n;
  if (n.kind === 'and' || n.kind === 'or') for (const item of n.items) yield* walk(item);
  else if (n.kind === 'not') yield* walk(n.item);
}

/** The subtrees that become a full-text lookup each, in query order (as compile.ts merges them). */
function* lookups(n: Ast): Generator<Ast> {
  if (isPureText(n)) {
    yield n;
    return;
  }
  if (n.kind === 'not') yield* lookups(n.item);
  if (n.kind !== 'and' && n.kind !== 'or') return;
  const texts = n.items.filter(isPureText);
  let merged = false;
  for (const item of n.items) {
    if (texts.length < 2 || !isPureText(item)) yield* lookups(item);
    else if (!merged) {
      merged = true;
      yield item;
    }
  }
}

/** Throws a QuerySyntaxError naming the limit a query passes, pointing at the term that passes it. */
export function checkQueryCost(ast: Ast): void {
  let prefixes = 0;
  let fullTextWords = 0;
  for (const n of walk(ast)) {
    if (n.kind === 'or' && n.items.length > QUERY_LIMITS.orAlternatives) {
      throw new QuerySyntaxError(
        `Too many alternatives in one OR list: at most ${QUERY_LIMITS.orAlternatives}. Split the search, or narrow it with a field or a time range.`,
        firstColumn(n.items[QUERY_LIMITS.orAlternatives]!),
      );
    }
    if (n.kind !== 'text') continue;
    const termWords = n.value.text.split(NOT_SEARCHABLE).filter(Boolean).length;
    if (termWords > QUERY_LIMITS.phraseWords) {
      throw new QuerySyntaxError(
        `Too many words in one phrase: at most ${QUERY_LIMITS.phraseWords} (this one has ${termWords}). Search for a shorter, distinctive part of it.`,
        n.value.col,
      );
    }
    fullTextWords += termWords;
    if (fullTextWords > QUERY_LIMITS.fullTextWords) {
      throw new QuerySyntaxError(
        `Too many full-text words: at most ${QUERY_LIMITS.fullTextWords} in one query (each word of a phrase and each repeat counts). Drop repeated or common words, or narrow the search with a field or a time range.`,
        n.value.col,
      );
    }
    if (n.value.quoted || !n.value.text.endsWith('*')) continue;
    const words = n.value.text.replace(/\*+$/, '').split(NOT_SEARCHABLE).filter(Boolean);
    const last = words.at(-1);
    if (last === undefined) continue; // nothing searchable: the compiler says so
    if ([...last].length < QUERY_LIMITS.prefixChars) {
      throw new QuerySyntaxError(
        `'${n.value.text}' is too short for a prefix search: put at least ${QUERY_LIMITS.prefixChars} letters or digits before the '*'.`,
        n.value.col,
      );
    }
    if (++prefixes > QUERY_LIMITS.prefixSearches) {
      throw new QuerySyntaxError(
        `Too many prefix searches (words ending in '*'): at most ${QUERY_LIMITS.prefixSearches} in one query.`,
        n.value.col,
      );
    }
  }
  let count = 0;
  for (const lookup of lookups(ast)) {
    if (++count > QUERY_LIMITS.fullTextLookups) {
      throw new QuerySyntaxError(
        `Too many separate full-text searches: at most ${QUERY_LIMITS.fullTextLookups} (words under NOT or beside field terms each count). Join the words with AND or OR in one group.`,
        firstColumn(lookup),
      );
    }
  }
}
