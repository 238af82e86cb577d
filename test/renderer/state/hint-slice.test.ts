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
