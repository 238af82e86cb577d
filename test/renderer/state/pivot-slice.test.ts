/** The value menu's actions: ± 5 minutes keeps query and scope and sets the range around the time. */
import { describe, expect, it } from 'vitest';
import { AROUND_MS } from '../../../renderer/src/state/pivotSlice.ts';
import { BASE_TS, sampleStore } from './sample-workspace.ts';

describe('pivot slice', () => {
  it('± 5 minutes around an event narrows the range to it, keeping the query, and closes the menu', async () => {
    const { store } = sampleStore();
    store.getState().setQueryText('tenant:Acme');
    await store.getState().refresh();
    const ts = BASE_TS + 100 * 60_000;
    store.getState().openPivot({ field: null, value: 'x', ts, x: 0, y: 0 });
    store.getState().showAround(ts);
    expect(store.getState().pivot).toBeNull();
    expect(store.getState().customRange).toEqual({ from: ts - AROUND_MS, to: ts + AROUND_MS + 1 });
    // Sample events are a minute apart: 95..105 inclusive.
    await expect.poll(() => store.getState().count).toBe(11);
    expect(store.getState().activeView?.query).toBe('tenant:Acme');
  });
});
