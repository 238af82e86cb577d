/** The detail slice over the fake API: open, follow the selection, a later request wins, close. */
import { describe, expect, it } from 'vitest';
import { loadedIds, sampleStore } from './sample-workspace.ts';

describe('detail slice', () => {
  it('opens an event with its raw text, and closing clears it', async () => {
    const { store, events } = sampleStore();
    await store.getState().openDetail(42);
    expect(store.getState()).toMatchObject({ detailOpen: true, detailId: 42, detailStatus: 'ready', detailError: null });
    expect(store.getState().detail?.raw).toBe(events[41]!.raw);
    store.getState().closeDetail();
    expect(store.getState()).toMatchObject({ detailOpen: false, detailId: null, detail: null, detailStatus: 'idle' });
  });

  it('a later request wins over an earlier one still in flight', async () => {
    const { fake, store } = sampleStore();
    const release = fake.hold('events.get');
    const first = store.getState().openDetail(1);
    const second = store.getState().openDetail(2);
    expect(store.getState().detailStatus).toBe('loading');
    release();
    await Promise.all([first, second]);
    expect(store.getState().detail?.id).toBe(2);
    expect(store.getState().detailId).toBe(2);
  });

  it('an answer that arrives after close is dropped', async () => {
    const { fake, store } = sampleStore();
    const release = fake.hold('events.get');
    const opening = store.getState().openDetail(5);
    store.getState().closeDetail();
    release();
    await opening;
    expect(store.getState().detail).toBeNull();
    expect(store.getState().detailOpen).toBe(false);
  });

  it('while open, the detail follows the selection', async () => {
    const { store } = sampleStore();
    await store.getState().refresh();
    store.getState().select(0);
    store.getState().openSelected();
    await expect.poll(() => store.getState().detailStatus).toBe('ready');
    store.getState().moveSelection(1);
    const second = loadedIds(store)[1];
    await expect.poll(() => store.getState().detail?.id).toBe(second);
  });

  it('an event that cannot be read shows the API sentence in the panel', async () => {
    const { store } = sampleStore();
    await store.getState().openDetail(9999);
    expect(store.getState()).toMatchObject({ detailStatus: 'error', detailError: 'No event has id 9999.', detail: null });
  });
});
