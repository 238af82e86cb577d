/**
 * The table at any size, over the fake API with 5,000 events: a jump (End, a dragged scrollbar)
 * seeks straight to its block, rows far from the view are dropped and fetched again, a block
 * before a loaded one is read backwards by keyset, and the selection and the open detail survive.
 */
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { BLOCK_ROWS, loadedRowCount, rowAt } from '../../../renderer/src/table/blockCache.ts';
import { createFakeApi, fakeEvent, fakeTenant } from '../../support/fake-api.ts';

const TOTAL = 5_000;
const BASE = Date.UTC(2025, 0, 1);

function bigStore() {
  const events = Array.from({ length: TOTAL }, (_, i) => fakeEvent({ id: i + 1, tenantId: 1, tenantName: 'Acme', ts: BASE + i * 1_000 }));
  const fake = createFakeApi({ tenants: [fakeTenant({ id: 1, name: 'Acme', eventCount: TOTAL })], events });
  return { fake, store: createAppStore(fake.api) };
}

/** Ids newest first: event i+1 has the i-th time, so row r (newest first) is id TOTAL - r. */
const idAtRow = (row: number) => TOTAL - row;

async function ready(store: ReturnType<typeof createAppStore>) {
  await store.getState().refresh();
  await expect.poll(() => store.getState().count).toBe(TOTAL);
}

describe('row blocks', () => {
  it('End seeks to the last block from the far end and shows the oldest rows', async () => {
    const { fake, store } = bigStore();
    await ready(store);
    expect(store.getState().rowCount).toBe(TOTAL);
    store.getState().ensureRows(TOTAL - 40, TOTAL);
    await expect.poll(() => rowAt(store.getState().rows, TOTAL - 1)?.id).toBe(idAtRow(TOTAL - 1));
    for (const row of [TOTAL - 40, TOTAL - 2]) expect(rowAt(store.getState().rows, row)?.id).toBe(idAtRow(row));
    const seek = fake.callsOf('events.seek')[0]?.input as { target: { offset: number }; countHint: number };
    expect(seek.countHint).toBe(TOTAL);
    expect(seek.target.offset % BLOCK_ROWS).toBe(0);
    // No page before the jump was read on the way.
    expect(fake.callsOf('events.page').length).toBeLessThanOrEqual(3);
  });

  it('keeps only the blocks around the view, and fetches dropped ones again on the way back', async () => {
    const { store } = bigStore();
    await ready(store);
    for (let first = 0; first < TOTAL; first += 400) {
      store.getState().ensureRows(first, first + 40);
      await expect.poll(() => rowAt(store.getState().rows, first)?.id).toBe(idAtRow(first));
      expect(loadedRowCount(store.getState().rows)).toBeLessThanOrEqual(8 * BLOCK_ROWS);
    }
    expect(rowAt(store.getState().rows, 0)).toBeUndefined();
    store.getState().ensureRows(0, 40);
    await expect.poll(() => rowAt(store.getState().rows, 0)?.id).toBe(idAtRow(0));
  });

  it('a block just before a loaded one is read backwards from its first row, without a seek', async () => {
    const { fake, store } = bigStore();
    await ready(store);
    store.getState().ensureRows(3_000, 3_010);
    await expect.poll(() => rowAt(store.getState().rows, 3_000)?.id).toBe(idAtRow(3_000));
    // The block above the view is prefetched backwards once the view's own block is in.
    await expect.poll(() => rowAt(store.getState().rows, 2_900)?.id).toBe(idAtRow(2_900));
    const seeks = fake.callsOf('events.seek').length;
    // Scrolling up just past the prefetched block.
    store.getState().ensureRows(2_850, 2_860);
    await expect.poll(() => rowAt(store.getState().rows, 2_800)?.id).toBe(idAtRow(2_800));
    for (let row = 2_800; row < 3_000; row += 37) expect(rowAt(store.getState().rows, row)?.id).toBe(idAtRow(row));
    expect(fake.callsOf('events.seek').length).toBe(seeks);
    const back = fake.callsOf('events.page').at(-1)?.input as { order: string };
    expect(back.order).toBe('oldest');
  });

  it('the selection is a place in the result: it survives its block being dropped, and the detail follows it to End', async () => {
    const { store } = bigStore();
    await ready(store);
    store.getState().select(10);
    store.getState().openSelected();
    await expect.poll(() => store.getState().detail?.id).toBe(idAtRow(10));
    store.getState().ensureRows(2_500, 2_540);
    await expect.poll(() => rowAt(store.getState().rows, 2_500)?.id).toBe(idAtRow(2_500));
    expect(rowAt(store.getState().rows, 10)).toBeUndefined();
    expect(store.getState().selectedIndex).toBe(10);
    // End: the last row is not loaded yet; the open detail shows it once its block arrives.
    store.getState().select(Number.MAX_SAFE_INTEGER);
    expect(store.getState().selectedIndex).toBe(TOTAL - 1);
    store.getState().ensureRows(TOTAL - 40, TOTAL);
    await expect.poll(() => store.getState().detail?.id).toBe(idAtRow(TOTAL - 1));
  });

  it('oldest first reverses the rows, and going to a time selects the first row at or past it', async () => {
    const { store } = bigStore();
    store.getState().setOrder('oldest');
    await expect.poll(() => store.getState().count).toBe(TOTAL);
    expect(rowAt(store.getState().rows, 0)?.id).toBe(1);
    await store.getState().goToTime(BASE + 1234 * 1_000 + 500);
    expect(store.getState().selectedIndex).toBe(1235);
    store.getState().ensureRows(1_230, 1_240);
    await expect.poll(() => rowAt(store.getState().rows, 1_235)?.ts).toBe(BASE + 1235 * 1_000);
  });

  it('a scope switch closes a detail that may lie outside the new scope', async () => {
    const { store } = bigStore();
    await ready(store);
    await store.getState().openDetail(7);
    store.getState().setScope({ kind: 'tenants', tenantIds: [1] });
    await expect.poll(() => store.getState().generation).toBe(2);
    await expect.poll(() => store.getState().pageStatus).toBe('ready');
    expect(store.getState().detailOpen).toBe(false);
  });
});
