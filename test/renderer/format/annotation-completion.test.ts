/** The query box completes the annotation fields: their names, and true/false after `starred:`; tag and note offer no values (they are free text). */
import { describe, expect, it } from 'vitest';
import { completionContext, fieldItems, valueItems } from '../../../renderer/src/format/queryCompletion.ts';

describe('completion of annotation fields', () => {
  it('offers starred, tag and note by name', () => {
    expect(fieldItems('sta').map((i) => i.insert)).toContain('starred:');
    expect(fieldItems('ta').map((i) => i.insert)).toContain('tag:');
    expect(fieldItems('not').map((i) => i.insert)).toContain('note:');
  });

  it('completes starred: to true or false, and nothing after tag: or note:', () => {
    const text = 'outcome:failure starred:t';
    const context = completionContext(text, text.length);
    expect(context?.kind).toBe('value');
    if (context?.kind !== 'value') return;
    expect(valueItems(context, []).map((i) => i.label)).toEqual(['true']);
    expect(completionContext('tag:phi', 7)).toBeNull();
    expect(completionContext('note:vp', 7)).toBeNull();
  });
});
