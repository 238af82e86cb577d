/** Filter chips as query terms: found, added, negated and removed without touching the rest of the text. */
import { describe, expect, it } from 'vitest';
import { addTerm, filterTerms, negateTerm, removeTerm, termFor } from '../../../renderer/src/format/queryTerms.ts';

describe('filter terms', () => {
  it('finds the top-level field terms, quoted or not, negated or not, and leaves the rest', () => {
    const query = 'login -outcome:failure actor:"Ann \\"A\\" Lee" (ip:10.0.0.1 OR ip:10.0.0.2) "two words"';
    expect(filterTerms(query).map(({ field, value, negated }) => ({ field, value, negated }))).toEqual([
      { field: 'outcome', value: 'failure', negated: true },
      { field: 'actor', value: 'Ann "A" Lee', negated: false },
    ]);
  });

  it('shows no chips for a query that ORs at the top, and adding a filter groups it first', () => {
    expect(filterTerms('outcome:failure OR action:x')).toEqual([]);
    expect(addTerm('outcome:failure OR action:x', 'tenant:"Acme"')).toBe('(outcome:failure OR action:x) tenant:"Acme"');
  });

  it('builds the term for a value, its opposite, and for a missing value', () => {
    expect(termFor('action', 'a "b"', false)).toBe('action:"a \\"b\\""');
    expect(termFor('outcome', 'failure', true)).toBe('-outcome:"failure"');
    expect(termFor('ip', null, false)).toBe('-_exists_:ip');
    expect(termFor('ip', null, true)).toBe('_exists_:ip');
    expect(addTerm('  ', 'x:"y"')).toBe('x:"y"');
  });

  it('negates and removes one term in place', () => {
    const query = 'login outcome:"failure" tenant:Acme';
    const [outcome, tenant] = filterTerms(query);
    expect(negateTerm(query, outcome!)).toBe('login -outcome:"failure" tenant:Acme');
    expect(removeTerm(query, outcome!)).toBe('login tenant:Acme');
    expect(removeTerm(query, tenant!)).toBe('login outcome:"failure"');
    const negated = filterTerms(negateTerm(query, outcome!))[0]!;
    expect(negateTerm(negateTerm(query, outcome!), negated)).toBe(query);
  });
});
