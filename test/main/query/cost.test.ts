/**
 * The cost bounds of main/query/cost.ts: a query just under each limit compiles and runs, one
 * just over is refused with a sentence naming the limit and the column of the term that passes it.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../../../main/query/compile.ts';
import { QUERY_LIMITS } from '../../../main/query/cost.ts';
import { QuerySyntaxError } from '../../../main/query/errors.ts';
import { matchIds, openFixture } from './fixture.ts';

let db: Database.Database;
beforeAll(() => {
  db = openFixture();
});
afterAll(() => db.close());

/** `n` items made by `make(i)`, joined by `sep`, and the 1-based column where item `k` starts. */
function list(n: number, make: (i: number) => string, sep: string): { text: string; colOf: (k: number) => number } {
  const items = Array.from({ length: n }, (_, i) => make(i));
  const text = items.join(sep);
  return { text, colOf: (k) => items.slice(0, k).reduce((col, item) => col + item.length + sep.length, 1) };
}

function refusal(query: string): QuerySyntaxError {
  try {
    compileQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`compiled without error: ${query.slice(0, 80)}`);
}

const L = QUERY_LIMITS;
const words = (i: number) => `w${String.fromCharCode(97 + (i % 26))}${i}`;

// [what, just under the limit, just over it, column of the term that passes it, message]
const CASES: [string, string, string, number, RegExp][] = (() => {
  const terms = list(L.terms + 1, (i) => `id:${i}`, ' ');
  const under = list(L.terms, (i) => `id:${i}`, ' ');
  const or = list(L.orAlternatives + 1, (i) => `ip:10.0.0.${i % 250}`, ' OR ');
  const orUnder = list(L.orAlternatives, (i) => `ip:10.0.0.${i % 250}`, ' OR ');
  const values = list(L.orAlternatives + 1, (i) => `u${i}@acme.test`, ' OR ');
  const prefix = list(L.prefixSearches + 1, (i) => `${words(i)}*`, ' ');
  const prefixUnder = list(L.prefixSearches, (i) => `${words(i)}*`, ' ');
  const lookups = list(L.fullTextLookups + 1, (i) => `NOT ${words(i)}`, ' ');
  const lookupsUnder = list(L.fullTextLookups, (i) => `NOT ${words(i)}`, ' ');
  const phrase = (n: number) => Array.from({ length: n }, (_, i) => words(i)).join(' ');
  const repeats = list(L.fullTextWords + 1, () => 'success', ' AND ');
  const repeatsUnder = list(L.fullTextWords, () => 'success', ' AND ');
  const half = `"${phrase(L.fullTextWords / 2)}"`;
  const short = 'x'.repeat(L.prefixChars - 1);
  const enough = 'x'.repeat(L.prefixChars);
  return [
    // A field term's column is its value's.
    ['terms', under.text, terms.text, terms.colOf(L.terms) + 'id:'.length, new RegExp(`Too many terms: at most ${L.terms}`)],
    ['OR alternatives', orUnder.text, or.text, or.colOf(L.orAlternatives) + 'ip:'.length, new RegExp(`at most ${L.orAlternatives}`)],
    [
      'OR alternatives of field:( … )',
      `actor:(${list(L.orAlternatives, (i) => `u${i}@acme.test`, ' OR ').text})`,
      `actor:(${values.text})`,
      'actor:('.length + values.colOf(L.orAlternatives),
      /Too many alternatives in one OR list/,
    ],
    ['prefix searches', prefixUnder.text, prefix.text, prefix.colOf(L.prefixSearches), new RegExp(`at most ${L.prefixSearches}`)],
    ['prefix length', `login ${enough}*`, `login ${short}*`, 7, new RegExp(`at least ${L.prefixChars} letters or digits`)],
    ['prefix length of the last word', `login foo-${enough}*`, `login foo-${short}*`, 7, /too short for a prefix search/],
    ['words in a quoted phrase', `login "${phrase(L.phraseWords)}"`, `login "${phrase(L.phraseWords + 1)}"`, 7, new RegExp(`Too many words in one phrase: at most ${L.phraseWords} \\(this one has ${L.phraseWords + 1}\\)`)],
    [
      'words in a hyphenated bare word (a phrase to FTS5)',
      `login ${phrase(L.phraseWords).replaceAll(' ', '-')}`,
      `login ${phrase(L.phraseWords + 1).replaceAll(' ', '-')}`,
      7,
      new RegExp(`at most ${L.phraseWords} \\(`),
    ],
    ['full-text words, each repeat counted', repeatsUnder.text, repeats.text, repeats.colOf(L.fullTextWords), new RegExp(`Too many full-text words: at most ${L.fullTextWords}`)],
    ['full-text words across phrases', `${half} ${half}`, `${half} ${half} login`, 2 * half.length + 3, new RegExp(`Too many full-text words: at most ${L.fullTextWords}`)],
    ['full-text lookups', lookupsUnder.text, lookups.text, lookups.colOf(L.fullTextLookups) + 'NOT '.length, new RegExp(`at most ${L.fullTextLookups}`)],
  ];
})();

describe('query cost limits', () => {
  it.each(CASES)('%s: just under compiles and runs, just over is refused at its column', (_what, under, over, column, message) => {
    expect(() => matchIds(db, compileQuery(under))).not.toThrow();
    const e = refusal(over);
    expect(e.message).toMatch(message);
    expect(e.column).toBe(column);
  });

  it('refuses the finding\'s query (1,500 `a*`) before any SQL, and `a*` on its own', () => {
    const finding = refusal(Array(1500).fill('a*').join(' AND '));
    expect(finding.message).toMatch(/Too many terms/);
    const e = refusal('a* AND a*');
    expect(e.message).toBe(`'a*' is too short for a prefix search: put at least ${L.prefixChars} letters or digits before the '*'.`);
    expect(e.column).toBe(1);
  });

  it('counts only full-text prefix searches: quoted stars and field wildcards are not prefix searches', () => {
    // Field wildcards are LIKE patterns on one column, not a fan-out over the word index.
    expect(() => compileQuery('action:a* actor:*b* "a*"')).not.toThrow();
    const many = list(L.prefixSearches + 5, (i) => `action:${words(i)}*`, ' OR ').text;
    expect(() => compileQuery(many)).not.toThrow();
  });

  it('refuses the probe\'s shapes: a 1,200-word phrase, and one word ANDed 200 times', () => {
    const phrase = refusal(`"${Array(1200).fill('success').join(' ')}"`);
    expect(phrase.message).toMatch(/Too many words in one phrase/);
    expect(phrase.column).toBe(1);
    const repeated = refusal(Array(200).fill('success').join(' AND '));
    expect(repeated.message).toMatch(/Too many full-text words/);
    expect(repeated.column).toBe(L.fullTextWords * 'success AND '.length + 1);
  });

  it('words merged into one lookup count once toward the lookup limit', () => {
    // Bare words joined by AND/OR are one FTS5 query (their words still count toward fullTextWords).
    const indicators = list(L.fullTextWords, words, ' OR ').text;
    expect(() => matchIds(db, compileQuery(`(${indicators}) outcome:failure`))).not.toThrow();
    const e = refusal(list(L.fullTextLookups + 1, (i) => `(${words(i)} outcome:failure)`, ' OR ').text);
    expect(e.message).toMatch(/separate full-text searches/);
  });
});
