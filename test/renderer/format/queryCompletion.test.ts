/** What the query box offers at the caret, and the text once an offer is taken. */
import { describe, expect, it } from 'vitest';
import { applyCompletion, completionContext, fieldItems, valueItems, type CompletionContext } from '../../../renderer/src/format/queryCompletion.ts';

type ValueContext = Extract<CompletionContext, { kind: 'value' }>;
const at = (text: string, caret = text.length) => completionContext(text, caret);

describe('completion context', () => {
  it('reads a field name being typed, after a space, a paren or a minus', () => {
    expect(at('outc')).toEqual({ kind: 'field', prefix: 'outc', start: 0, end: 4 });
    expect(at('action:x (act')).toMatchObject({ kind: 'field', prefix: 'act', start: 10 });
    expect(at('-outc')).toMatchObject({ kind: 'field', prefix: 'outc', start: 1 });
  });

  it('reads a value after field:, with the field resolved through its aliases', () => {
    const ctx = at('action:x outcome:fa') as ValueContext;
    expect(ctx).toMatchObject({ kind: 'value', prefix: 'fa', quoted: false, start: 17, end: 19 });
    expect(ctx.field.name).toBe('outcome');
    expect((at('actor.email:al') as ValueContext).field.name).toBe('actor_email');
    expect(at('actor:"Yara Q') as ValueContext).toMatchObject({ prefix: 'Yara Q', quoted: true });
  });

  it('offers nothing in a phrase, for a keyword, an unknown field or a field with no values (ts, id)', () => {
    expect(at('"failed log')).toBeNull();
    expect(at('a AND')).toBeNull();
    expect(at('nosuch:x')).toBeNull();
    expect(at('ts:2025')).toBeNull();
    expect(at('id:1')).toBeNull();
    expect(at('')).toBeNull();
    expect(at('outcome:x ')).toBeNull();
  });

  it('replaces the whole word under the caret, not just up to it', () => {
    expect(at('outcXYZ rest', 4)).toMatchObject({ kind: 'field', prefix: 'outc', start: 0, end: 7 });
  });
});

describe('field items', () => {
  it('lists names starting with the prefix first, then containing it, each ending in a colon', () => {
    expect(fieldItems('outc').map((i) => i.insert)).toEqual(['outcome:']);
    const email = fieldItems('email').map((i) => i.label);
    expect(email).toContain('actor_email');
    expect(email).toContain('actor.email');
    expect(fieldItems('act').map((i) => i.label).slice(0, 3)).toEqual(['actor', 'action', 'activity']);
  });
});

describe('value items', () => {
  const top = [
    { value: 'success', count: 240 },
    { value: 'failure', count: 60 },
    { value: null, count: 3 },
  ];

  it('filters the top values by what is typed, with their counts, and adds an enum value not among them', () => {
    const ctx = at('outcome:') as ValueContext;
    expect(valueItems(ctx, top).map((i) => [i.label, i.detail])).toEqual([
      ['success', '240'],
      ['failure', '60'],
      ['unknown', 'value'],
    ]);
    expect(valueItems(at('outcome:f') as ValueContext, top).map((i) => i.label)).toEqual(['failure']);
  });

  it('drops a value typed in full, and quotes a value that needs it', () => {
    expect(valueItems(at('outcome:failure') as ValueContext, top)).toEqual([]);
    const names = valueItems(at('actor:Ya') as ValueContext, [{ value: 'Yara Quist', count: 2 }]);
    expect(names[0]!.insert).toBe('"Yara Quist"');
  });
});

describe('applying an item', () => {
  it('puts a field with its colon and leaves the caret after it', () => {
    const ctx = at('x outc')!;
    expect(applyCompletion('x outc', ctx, fieldItems('outc')[0]!)).toEqual({ text: 'x outcome:', caret: 10 });
  });

  it('puts a value and a space, keeping the text after it', () => {
    const text = 'outcome:fa action:y';
    const ctx = at(text, 10)!;
    const item = valueItems(ctx as ValueContext, [{ value: 'failure', count: 1 }])[0]!;
    expect(applyCompletion(text, ctx, item)).toEqual({ text: 'outcome:failure action:y', caret: 15 });
    const end = at('outcome:fa')!;
    expect(applyCompletion('outcome:fa', end, item)).toEqual({ text: 'outcome:failure ', caret: 16 });
  });
});
