/**
 * A full-text query that every event a rule can match satisfies, so a rule need not parse the JSON
 * of every event of its source (or of its event types): the sweep reads only the events the
 * workspace's full-text index (events_fts: unicode61 over the raw text, among others) returns,
 * plus those not indexed yet. The rule's own condition still decides on each one.
 *
 * Sound because a whole word of a matched value is a whole word of the raw text:
 * - only ASCII literals are used: their words are runs of [A-Za-z0-9], and every other ASCII
 *   character separates words in the raw text as in the literal;
 * - a word is used only where the pattern bounds it on both sides (the value's start or end, or a
 *   separator inside the literal), never a piece a wildcard may extend;
 * - raw events are strict JSON (every ingest path reads them with JSON.parse), where an ASCII
 *   character is written as itself, as \u00XX (hex 00–7F), or, for a few separators and control
 *   characters, as \", \\, \/, \n, \t…. A \u00XX escape leaves a word starting "u000"…"u007" in
 *   the index, so events holding one are always read (FTS_ESCAPE_GUARD; none in the bench's
 *   million). The short escapes stand for separators or for control characters, which no literal
 *   used here contains;
 * - the index folds case (and diacritics) further than SQL's lower(), so it keeps a superset;
 * - a literal that could be the SQL rendering of a number (json_extract turns 1e2 into 100.0) is
 *   not used.
 */
import type { Cond, Piece, ValueTest } from './ast.ts';

/** Words a \u00XX escape of an ASCII character leaves in the index: events holding one are read whatever the rule. */
export const FTS_ESCAPE_GUARD = [...'01234567'].map((h) => `u00${h}*`).join(' OR ');

const USABLE = /^[\x20-\x7e]*$/;
const NUMBER_LIKE = /^[\s+\-.0-9eEinfINFaA]*$/;

/** The phrases of one pattern that a match must contain, or null when it promises none. */
function patternPhrases(pieces: readonly Piece[]): string[] | null {
  const phrases: string[] = [];
  pieces.forEach((piece, i) => {
    if (!('lit' in piece)) return;
    const words = piece.lit.split(/[^A-Za-z0-9]+/);
    // A word at either end of a piece is whole only when no wildcard touches that end.
    if (i > 0) words.shift();
    if (i < pieces.length - 1) words.pop();
    const whole = words.filter((w) => w.length > 0);
    if (whole.length > 0) phrases.push(`"${whole.join(' ').toLowerCase()}"`);
  });
  return phrases.length > 0 ? phrases : null;
}

function literalText(pieces: readonly Piece[]): string {
  return pieces.map((p) => ('lit' in p ? p.lit : '')).join('');
}

function testQuery(test: ValueTest, keyword: boolean): string | null {
  if (test.t !== 'pattern') return null;
  const text = literalText(test.pieces);
  if (!USABLE.test(text)) return null;
  // A number's SQL text need not appear in the raw text (keywords match the raw text itself).
  if (!keyword && NUMBER_LIKE.test(text)) return null;
  const phrases = patternPhrases(test.pieces);
  return phrases ? phrases.join(' AND ') : null;
}

function anyOf(queries: readonly (string | null)[]): string | null {
  if (queries.length === 0 || queries.some((q) => q === null)) return null;
  return queries.length === 1 ? queries[0]! : queries.map((q) => `(${q})`).join(' OR ');
}

/** An FTS5 query true of every event the condition matches (before the escape guard), or null. */
export function ftsPrefilter(cond: Cond): string | null {
  switch (cond.k) {
    case 'value':
      return anyOf(cond.tests.map((t) => testQuery(t, false)));
    case 'keyword':
      return testQuery({ t: 'pattern', pieces: cond.pieces, cased: false }, true);
    case 'or':
      return anyOf(cond.items.map(ftsPrefilter));
    case 'and': {
      const parts = cond.items.map(ftsPrefilter).filter((q): q is string => q !== null);
      return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : parts.map((q) => `(${q})`).join(' AND ');
    }
    default:
      // not, null, exists, fieldref, const: nothing every match must contain.
      return null;
  }
}
