/** Every way a query can be wrong: a QuerySyntaxError with a useful sentence and the right column. */
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../main/query/compile.ts';
import { QuerySyntaxError } from '../../../main/query/errors.ts';
import { MAX_NESTING, MAX_TERMS } from '../../../main/query/parser.ts';

function failure(query: string): QuerySyntaxError {
  try {
    compileQuery(query);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
  throw new Error(`compiled without error: ${query}`);
}

const CASES: [query: string, column: number, message: RegExp][] = [
  // parentheses
  ['(a', 1, /Unclosed '\('/],
  ['a (b (c)', 3, /Unclosed '\('/],
  ['outcome:(a OR b', 9, /Unclosed '\('/],
  ['a)', 2, /Unmatched '\)'/],
  [')', 1, /Unmatched '\)'/],
  ['(a) b)', 6, /Unmatched '\)'/],
  ['()', 1, /Empty parentheses/],
  ['a ( )', 3, /Empty parentheses/],
  ['outcome:()', 9, /Empty parentheses/],
  // quotes
  ['"abc', 1, /Unterminated quote/],
  ['a "b', 3, /Unterminated quote/],
  ['outcome:"fail', 9, /Unterminated quote/],
  ['"ends with escape\\"', 1, /Unterminated quote/],
  // dangling operators
  ['a AND', 6, /Expected a term after AND/],
  ['a OR', 5, /Expected a term after OR/],
  ['a OR OR b', 6, /Expected a term after OR/],
  ['a AND )', 7, /Expected a term after AND/],
  ['(a OR) b', 6, /Expected a term after OR/],
  ['AND a', 1, /AND needs a term on its left/],
  ['(OR a)', 2, /OR needs a term on its left/],
  ['NOT', 4, /Expected a term after NOT/],
  ['a NOT', 6, /Expected a term after NOT/],
  ['outcome:(a NOT)', 15, /Expected a term after NOT/],
  ['outcome:(OR)', 10, /OR needs a term on its left/],
  // empty values
  ['outcome:', 9, /Empty value.*'outcome:'/],
  ['outcome: failure', 9, /Empty value.*no space/],
  ['outcome:)', 9, /Empty value/],
  ['outcome:""', 9, /Empty value/],
  ['""', 1, /Empty value/],
  ['ts>=', 5, /Empty value.*'ts>='/],
  // unknown fields
  ['foo:bar', 1, /Unknown field 'foo'.*actor, action, outcome/],
  ['x outcom:y', 3, /Unknown field 'outcom'. Did you mean outcome\?/],
  ['https://example.com', 1, /Unknown field 'https'.*put it in quotes/],
  ['_exists_:nope', 10, /Unknown field 'nope'/],
  ['_exists_:(actor OR nope)', 20, /Unknown field 'nope'/],
  ['constructor:x', 1, /Unknown field 'constructor'/],
  // comparisons
  ['outcome>x', 8, /'>' only works with ts and id/],
  ['actor<=a', 6, /'<=' only works with ts and id/],
  ['_exists_>x', 9, /'>' only works with ts and id/],
  // values that must parse
  ['ts>=20250101', 5, /'20250101' is not a date/],
  ['ts:2025-13-01', 4, /not a date/],
  ['ts:2025-02-29', 4, /not a date/],
  ['ts:2025-01-01T24:00', 4, /not a date/],
  ['ts:2025-01-01T10:00+24:00', 4, /not a date/],
  ['ts:2025-01-01Z', 4, /not a date/],
  ['ts:2025-*', 4, /not a date/],
  ['ip:10.0.0.0/33', 4, /not an IP address or CIDR block/],
  ['ip:10.0.0.0/8 ip:999.1.1.1', 18, /'999.1.1.1' is not an IP/],
  ['ip:', 4, /Empty value/],
  ['ip:"10.0.*"', 4, /not an IP/],
  ['id:abc', 4, /not an event id/],
  ['id:1*', 4, /not an event id/],
  ['id>-1', 4, /not an event id/],
  ['id:9223372036854775808', 4, /not an event id/],
  // full text with nothing to search for
  ['***', 1, /Nothing to search for in '\*\*\*'/],
  ['a - b', 3, /Nothing to search for in '-'/],
  ['"..."', 1, /Nothing to search for/],
  ['ok OR "😀"', 7, /no letters or digits/],
  // limits
  [`${'('.repeat(MAX_NESTING + 1)}a${')'.repeat(MAX_NESTING + 1)}`, MAX_NESTING + 1, /Too deeply nested/],
  [`${'NOT '.repeat(MAX_NESTING + 1)}a`, MAX_NESTING * 4 + 1, /Too deeply nested/],
  [`${'-'.repeat(MAX_NESTING + 1)}a`, MAX_NESTING + 1, /Too deeply nested/],
  ['a '.repeat(MAX_TERMS + 1), MAX_TERMS * 2 + 1, /Too many terms/],
];

describe('query errors', () => {
  it.each(CASES)('%s → column %d', (query, column, message) => {
    const e = failure(query);
    expect(e).toBeInstanceOf(QuerySyntaxError);
    expect(e.name).toBe('QuerySyntaxError');
    expect(e.message).toMatch(message);
    expect(e.column).toBe(column);
  });

  it('reports the first error from the left', () => {
    expect(failure('foo:x (').column).toBe(1);
    expect(failure('a) foo:x').column).toBe(2);
  });
});
