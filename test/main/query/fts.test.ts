/** FTS5 strings: user text is always inside one quoted literal, so FTS5 syntax in it is inert. */
import { describe, expect, it } from 'vitest';
import { ftsJoin, ftsTerm } from '../../../main/query/fts.ts';

describe('ftsTerm', () => {
  it.each([
    ['abc', false, '"abc"'],
    ['abc*', false, '"abc" *'],
    ['abc**', false, '"abc" *'],
    ['a*b', false, '"a*b"'],
    ['abc*', true, '"abc*"'],
    ['say "hi"', true, '"say ""hi"""'],
    ['a"b', false, '"a""b"'],
    ['x\0y', true, '"x y"'],
    ['NEAR(a b)', true, '"NEAR(a b)"'],
    ['col:abc', false, '"col:abc"'],
    ['café', false, '"café"'],
    ['東京', false, '"東京"'],
    ['42', false, '"42"'],
  ])('%j (quoted: %s) → %s', (text, quoted, expected) => {
    expect(ftsTerm(text, quoted)).toBe(expected);
  });

  it.each(['', '*', '***', '"', '-', '...', '😀', ' ', '\0'])('%j has nothing to search for', (text) => {
    expect(ftsTerm(text, false)).toBeNull();
    expect(ftsTerm(text, true)).toBeNull();
  });
});

describe('ftsJoin', () => {
  it('joins with FTS5 AND / OR', () => {
    expect(ftsJoin(['"a"', '"b" *'], 'and')).toBe('"a" AND "b" *');
    expect(ftsJoin(['"a"', '("b" AND "c")'], 'or')).toBe('"a" OR ("b" AND "c")');
  });
});
