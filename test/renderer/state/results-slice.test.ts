/**
 * The results slice over the fake API: first page then count, the next block by keyset, stale
 * work aborted when the view changes, and a refused query that keeps the last good rows.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_PAGE_ROWS } from '../../../renderer/src/state/resultsSlice.ts';
import { loadedIds, loadedRows, sampleStore } from './sample-workspace.ts';

describe('results slice', () => {
  it('shows the first page newest first, and asks for the count only after it', async () => {
    const { fake, store, events } = sampleStore();
    const releaseCount = fake.hold('events.count');
    const refreshed = store.getState().refresh();
    await expect.poll(() => store.getState().pageStatus).toBe('ready');
    const newest = [...events].sort((a, b) => b.ts - a.ts).slice(0, FIRST_PAGE_ROWS).map((e) => e.id);
    expect(loadedIds(store)).toEqual(newest);
    expect(store.getState().count).toBeNull();
    expect(store.getState().countStatus).toBe('loading');
    // The page first; the count (and the chart and field values) only after it, once it is painted.
    expect(fake.calls[0]?.name).toBe('events.page');
    await expect.poll(() => fake.callsOf('events.count')).toHaveLength(1);
    expect(fake.callsOf('events.page')).toHaveLength(1);

    releaseCount();
    await refreshed;
    expect(store.getState().count).toBe(events.length);
    expect(store.getState().countStatus).toBe('ready');
  });

  it('fetches the rows scrolled into view by keyset from the block before, without a seek', async () => {
    const { fake, store, events } = sampleStore();
    await store.getState().refresh();
    expect(store.getState().rowCount).toBe(300);
    store.getState().ensureRows(250, 300);
    await expect.poll(() => loadedIds(store).length).toBe(300);
    expect(loadedIds(store)).toEqual([...events].sort((a, b) => b.ts - a.ts).map((e) => e.id));
    const last = fake.callsOf('events.page').at(-1)?.input as { after: { id: number } | null };
    expect(last.after?.id).toBe(loadedIds(store)[FIRST_PAGE_ROWS - 1]);
    expect(fake.callsOf('events.seek')).toHaveLength(0);
  });

  it('a new view aborts the first page still in flight, and only the new view lands', async () => {
    const { fake, store } = sampleStore();
    const releasePages = fake.hold('events.page');
    store.getState().setQueryText('outcome:failure');
    const first = store.getState().refresh();
    store.getState().setScope({ kind: 'tenants', tenantIds: [2] });
    const [stale, current] = fake.callsOf('events.page');
    expect(stale?.signal?.aborted).toBe(true);
    expect(current?.signal?.aborted).toBe(false);
    releasePages();
    await first;
    await expect.poll(() => store.getState().countStatus).toBe('ready');
    const rows = loadedRows(store);
    expect(rows.length).toBe(6); // tenant 2's events 251..280, every fifth a failure
    expect(rows.every((r) => r.tenantId === 2 && r.outcome === 'failure')).toBe(true);
    expect(store.getState().count).toBe(6);
    expect(store.getState().bannerError).toBeNull();
  });

  it('a new view on screen aborts the old view count, whose answer never lands', async () => {
    const { fake, store } = sampleStore();
    const releaseCounts = fake.hold('events.count');
    void store.getState().refresh();
    await expect.poll(() => fake.callsOf('events.count').length).toBe(1);
    store.getState().setScope({ kind: 'group', group: 'eu' });
    await expect.poll(() => fake.callsOf('events.count').length).toBe(2);
    const [oldCount, newCount] = fake.callsOf('events.count');
    expect(oldCount?.signal?.aborted).toBe(true);
    expect(newCount?.signal?.aborted).toBe(false);
    // The new view's rows replaced the old ones, and its count is not yet known.
    expect(loadedRows(store).every((r) => r.tenantId !== 2)).toBe(true);
    expect(store.getState().count).toBeNull();
    releaseCounts();
    await expect.poll(() => store.getState().count).toBe(270);
    expect(store.getState().bannerError).toBeNull();
  });

  it('a block still loading for the old view never lands in the new one', async () => {
    const { fake, store } = sampleStore();
    await store.getState().refresh();
    await expect.poll(() => store.getState().count).toBe(300);
    const release = fake.hold('events.page', { calls: 1 });
    store.getState().ensureRows(250, 300);
    // The new view lands first; then the old view's block arrives, late.
    store.getState().setScope({ kind: 'tenants', tenantIds: [3] });
    await expect.poll(() => store.getState().count).toBe(20);
    const [, oldBlock] = fake.callsOf('events.page');
    expect(oldBlock?.signal?.aborted).toBe(true);
    release();
    await new Promise((r) => setTimeout(r, 10));
    const rows = loadedRows(store);
    expect(rows.length).toBe(20);
    expect(rows.every((r) => r.tenantId === 3)).toBe(true);
    expect(store.getState().rowCount).toBe(20);
  });

  it('a refused query keeps the last good rows and count, and records the column', async () => {
    const { store } = sampleStore();
    store.getState().setQueryText('outcome:failure');
    await store.getState().refresh();
    const before = loadedIds(store);
    expect(store.getState().count).toBe(60);

    store.getState().setQueryText('outcome:failure AND actor:');
    await store.getState().refresh();
    expect(store.getState().queryError).toEqual({
      message: 'Expected a value after "actor:".',
      column: 27,
      query: 'outcome:failure AND actor:',
    });
    expect(loadedIds(store)).toEqual(before);
    expect(store.getState().pageStatus).toBe('ready');
    expect(store.getState().count).toBe(60);
    expect(store.getState().bannerError).toBeNull();

    // Fixing the query clears the note.
    store.getState().setQueryText('');
    await store.getState().refresh();
    expect(store.getState().queryError).toBeNull();
    expect(store.getState().count).toBe(300);
  });

  it('any other failure empties the table and shows the API sentence in the banner', async () => {
    const { fake, store } = sampleStore();
    await store.getState().refresh();
    fake.failNext('events.page', { code: 'internal', message: 'The workspace could not be read.' });
    await store.getState().refresh();
    expect(store.getState().pageStatus).toBe('error');
    expect(store.getState().rowCount).toBe(0);
    expect(loadedRows(store)).toHaveLength(0);
    expect(store.getState().count).toBeNull();
    expect(store.getState().bannerError).toBe('The workspace could not be read.');
  });
});
