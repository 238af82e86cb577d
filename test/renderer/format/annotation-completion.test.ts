/**
 * The query box completes the annotation fields: their names, true/false after `starred:`, and
 * after `tag:` the tags in use in the scope and range on screen (asked afresh each time, as tags
 * change while one works); `note:` is free text and offers nothing.
 */
import { describe, expect, it } from 'vitest';
import { completionContext, fieldItems, valueItems } from '../../../renderer/src/format/queryCompletion.ts';
import { sampleStore } from '../state/sample-workspace.ts';

describe('completion of annotation fields', () => {
  it('offers starred, tag and note by name', () => {
    expect(fieldItems('sta').map((i) => i.insert)).toContain('starred:');
    expect(fieldItems('ta').map((i) => i.insert)).toContain('tag:');
    expect(fieldItems('not').map((i) => i.insert)).toContain('note:');
  });

  it('completes starred: to true or false, and nothing after note:', () => {
    const text = 'outcome:failure starred:t';
    const context = completionContext(text, text.length);
    expect(context?.kind).toBe('value');
    if (context?.kind !== 'value') return;
    expect(valueItems(context, []).map((i) => i.label)).toEqual(['true']);
    expect(completionContext('note:vp', 7)).toBeNull();
  });

  it('completes tag: from the tags in use, with how many events carry each, asked again after tagging', async () => {
    const { fake, store } = sampleStore();
    await store.getState().refresh();
    await fake.api['annotations.bulkTag']({ tag: 'phishing', action: 'add', target: { eventIds: [1, 2, 3] } });
    await fake.api['annotations.bulkTag']({ tag: 'phase-2', action: 'add', target: { eventIds: [4] } });
    await fake.api['annotations.bulkTag']({ tag: 'benign', action: 'add', target: { eventIds: [5] } });
    store.getState().updateCompletion('tag:ph', 6);
    await expect.poll(() => store.getState().completionItems.map((i) => `${i.label} ${i.detail}`)).toEqual(['phishing 3', 'phase-2 1']);
    expect((fake.callsOf('annotations.tags').at(-1)!.input as { view: { query: string } }).view.query).toBe('');
    await fake.api['annotations.bulkTag']({ tag: 'phishing', action: 'add', target: { eventIds: [6] } });
    store.getState().updateCompletion('tag:phi', 7);
    await expect.poll(() => store.getState().completionItems.map((i) => `${i.label} ${i.detail}`)).toEqual(['phishing 4']);
  });
});
