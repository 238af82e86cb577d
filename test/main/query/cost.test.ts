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

  it('words merged into one lookup count once, however many', () => {
    // Bare words joined by AND/OR are one FTS5 query: a list of indicators stays cheap.
    const indicators = list(L.orAlternatives, words, ' OR ').text;
    expect(() => matchIds(db, compileQuery(`(${indicators}) outcome:failure`))).not.toThrow();
    const e = refusal(list(L.fullTextLookups + 1, (i) => `(${words(i)} outcome:failure)`, ' OR ').text);
    expect(e.message).toMatch(/separate full-text searches/);
  });
});
