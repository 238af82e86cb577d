/** Tokens and their columns; what a run of characters means depends on the mode. */
import { describe, expect, it } from 'vitest';
import { Lexer, type LexMode, type Token } from '../../../main/query/lexer.ts';

function tokens(src: string, mode: LexMode = 'query'): Token[] {
  const lx = new Lexer(src);
  const out: Token[] = [];
  for (;;) {
    const t = lx.next(mode);
    out.push(t);
    if (t.kind === 'eof') return out;
    if (t.kind === 'field') {
      const v = lx.nextValue();
      if (v) out.push(v);
    }
  }
}

const brief = (ts: Token[]): string[] =>
  ts.map((t) => {
    if (t.kind === 'word' || t.kind === 'quoted') return `${t.kind}(${t.text})@${t.col}`;
    if (t.kind === 'field') return `field(${t.name}${t.op})@${t.col}/${t.opCol}`;
    return `${t.kind}@${t.col}`;
  });

describe('lexer', () => {
  it('splits words, parentheses, quotes and keywords', () => {
    expect(brief(tokens('a (b OR "c d") AND NOT e'))).toEqual([
      'word(a)@1', 'lparen@3', 'word(b)@4', 'or@6', 'quoted(c d)@9', 'rparen@14', 'and@16', 'not@20', 'word(e)@24', 'eof@25',
    ]);
  });

  it('only uppercase AND/OR/NOT are keywords', () => {
    expect(brief(tokens('and or not Or'))).toEqual(['word(and)@1', 'word(or)@5', 'word(not)@8', 'word(Or)@12', 'eof@14']);
  });

  it('reads field operators and glued values, keeping colons in values', () => {
    expect(brief(tokens('ip:fe80::1 ts>=2025-01-01T10:00:00Z actor.email:"a b"'))).toEqual([
      'field(ip:)@1/3', 'word(fe80::1)@4', 'field(ts>=)@12/14', 'word(2025-01-01T10:00:00Z)@16',
      'field(actor.email:)@37/48', 'quoted(a b)@49', 'eof@54',
    ]);
  });

  it('reads keywords glued to an operator as values', () => {
    expect(brief(tokens('outcome:OR'))).toEqual(['field(outcome:)@1/8', 'word(OR)@9', 'eof@11']);
  });

  it('negates with a leading minus only before a term', () => {
    expect(brief(tokens('-a -(b) -"c" a-b - x'))).toEqual([
      'not@1', 'word(a)@2', 'not@4', 'lparen@5', 'word(b)@6', 'rparen@7', 'not@9', 'quoted(c)@10',
      'word(a-b)@14', 'word(-)@18', 'word(x)@20', 'eof@21',
    ]);
  });

  it('in value mode reads field-like runs and minus signs as values', () => {
    expect(brief(tokens('fe80::1 -x OR a:b', 'values'))).toEqual([
      'word(fe80::1)@1', 'word(-x)@9', 'or@12', 'word(a:b)@15', 'eof@18',
    ]);
  });

  it('unescapes only \\" and \\\\ inside quotes', () => {
    expect(brief(tokens('"a\\"b\\\\c\\d"'))).toEqual(['quoted(a"b\\c\\d)@1', 'eof@12']);
  });

  it('ends a word at a quote or parenthesis', () => {
    expect(brief(tokens('ab"c"d(e)'))).toEqual([
      'word(ab)@1', 'quoted(c)@3', 'word(d)@6', 'lparen@7', 'word(e)@8', 'rparen@9', 'eof@10',
    ]);
  });

  it('reports nothing glued to an operator as null', () => {
    for (const src of ['a:', 'a: b', 'a:)']) {
      const lx = new Lexer(src);
      expect(lx.next('query').kind).toBe('field');
      expect(lx.nextValue()).toBeNull();
    }
  });

  it('treats any Unicode space as a separator', () => {
    expect(brief(tokens('a\u00a0b\tc\nd'))).toEqual(['word(a)@1', 'word(b)@3', 'word(c)@5', 'word(d)@7', 'eof@8']);
  });
});
