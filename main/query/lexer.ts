/**
 * Tokens of the query language, scanned on demand: what a character run means depends on where
 * the parser is (after `field:` a run is a value, so `ip:fe80::1` is not read as a field `fe80`).
 * Columns are 1-based UTF-16 positions, as an editor shows them.
 */
import { QuerySyntaxError } from './errors.ts';

export type Op = ':' | '>=' | '>' | '<' | '<=';

export type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'eof'; col: number; end: number }
  | { kind: 'word' | 'quoted'; text: string; col: number; end: number }
  | { kind: 'field'; name: string; op: Op; col: number; opCol: number; end: number };

/**
 * `query`: top level, where `name:` starts a field term and `-x` negates.
 * `values`: inside `field:( … )`, where every run is a value of that field.
 */
export type LexMode = 'query' | 'values';

const SPACE = /\s/;
const WORD = /[^\s()"]+/y;
const FIELD_PREFIX = /([A-Za-z_][A-Za-z0-9_.]*)(>=|<=|:|>|<)/y;
// A Map, not an object literal: a word like `constructor` must not find Object.prototype.
const KEYWORDS = new Map<string, 'and' | 'or' | 'not'>([['AND', 'and'], ['OR', 'or'], ['NOT', 'not']]);

export class Lexer {
  readonly src: string;
  private pos = 0;

  // No parameter properties: the bench runs this file under node --experimental-strip-types.
  constructor(src: string) {
    this.src = src;
  }

  /** Column just past the input, where "ended too early" errors point. */
  get endCol(): number {
    return this.src.length + 1;
  }

  peek(mode: LexMode): Token {
    let i = this.pos;
    while (i < this.src.length && SPACE.test(this.src[i] ?? '')) i++;
    return this.scan(i, mode);
  }

  next(mode: LexMode): Token {
    const t = this.peek(mode);
    this.pos = t.end;
    return t;
  }

  /**
   * The value glued to a field operator: a word, a quoted string or `(`. Null when nothing is
   * glued there (end, space, `)`), which the parser reports as an empty value.
   */
  nextValue(): Token | null {
    const c = this.src[this.pos];
    if (c === undefined || c === ')' || SPACE.test(c)) return null;
    if (c === '(') return this.next('values');
    const t = this.scan(this.pos, 'values');
    this.pos = t.end;
    // Right after an operator, AND/OR/NOT are plain values (`outcome:OR` means the word).
    if (t.kind === 'and' || t.kind === 'or' || t.kind === 'not') {
      return { kind: 'word', text: this.src.slice(t.col - 1, t.end), col: t.col, end: t.end };
    }
    return t;
  }

  private scan(i: number, mode: LexMode): Token {
    const src = this.src;
    const col = i + 1;
    const c = src[i];
    if (c === undefined) return { kind: 'eof', col, end: i };
    if (c === '(') return { kind: 'lparen', col, end: i + 1 };
    if (c === ')') return { kind: 'rparen', col, end: i + 1 };
    if (c === '"') return this.quoted(i);
    if (mode === 'query' && c === '-') {
      const after = src[i + 1];
      if (after !== undefined && after !== ')' && !SPACE.test(after)) return { kind: 'not', col, end: i + 1 };
    }
    if (mode === 'query') {
      FIELD_PREFIX.lastIndex = i;
      const m = FIELD_PREFIX.exec(src);
      if (m) {
        const name = m[1] ?? '';
        const op = (m[2] ?? ':') as Op;
        return { kind: 'field', name, op, col, opCol: col + name.length, end: i + m[0].length };
      }
    }
    WORD.lastIndex = i;
    const text = WORD.exec(src)?.[0] ?? c;
    const end = i + text.length;
    const keyword = KEYWORDS.get(text);
    if (keyword) return { kind: keyword, col, end };
    return { kind: 'word', text, col, end };
  }

  /** A double-quoted string; `\"` and `\\` are escapes, any other backslash is literal. */
  private quoted(i: number): Token {
    const src = this.src;
    let text = '';
    let j = i + 1;
    while (j < src.length) {
      const c = src[j];
      const n = src[j + 1];
      if (c === '\\' && (n === '"' || n === '\\')) {
        text += n;
        j += 2;
      } else if (c === '"') {
        return { kind: 'quoted', text, col: i + 1, end: j + 1 };
      } else {
        text += c;
        j++;
      }
    }
    throw new QuerySyntaxError('Unterminated quote: add a closing ".', i + 1);
  }
}
