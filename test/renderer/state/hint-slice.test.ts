/** A view that matched nothing because of a field term says which values exist instead. */
import { describe, expect, it } from 'vitest';
import { sampleStore } from './sample-workspace.ts';

describe('no-match hint', () => {
  it('outcome:fail names the values outcome can have', async () => {
    const { store } = sampleStore();
    store.getState().setQueryText('outcome:fail');
    await store.getState().refresh();
    await expect.poll(() => store.getState().matchHint).toBe('outcome is never "fail": it is one of "success", "failure", "unknown".');
  });

  it('a facet value that occurs nowhere names the ones that contain it, counted without that term', async () => {
    const { store } = sampleStore();
    store.getState().setQueryText('outcome:failure tenant:Acm');
    await store.getState().refresh();
    await expect.poll(() => store.getState().matchHint).toContain('did you mean "Acme"?');
    // A view with rows clears the hint.
    store.getState().setQueryText('tenant:Acme');
    await store.getState().refresh();
    expect(store.getState().matchHint).toBeNull();
  });
});

describe('no-match hint for tags', () => {
  it('a tag that no event carries names the tags in use that contain it', async () => {
    const { fake, store } = sampleStore();
    await fake.api['annotations.bulkTag']({ tag: 'phishing', action: 'add', target: { eventIds: [1, 2] } });
    await fake.api['annotations.bulkTag']({ tag: 'benign', action: 'add', target: { eventIds: [3] } });
    store.getState().setQueryText('tag:phish');
    await store.getState().refresh();
    await expect.poll(() => store.getState().matchHint).toBe('No event has tag "phish" here; did you mean "phishing"? (or tag:phish* for every value starting with it)');
    store.getState().setQueryText('tag:zzz');
    await store.getState().refresh();
    await expect.poll(() => store.getState().matchHint).toBe('No event has tag "zzz" here; the most common are "phishing", "benign".');
  });
});
