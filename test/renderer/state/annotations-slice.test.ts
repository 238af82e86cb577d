/**
 * The annotations slice over the fake API: a star shows at once and is saved; a refused save is
 * undone with the API's sentence (and never undoes a newer change); `s` stars the selected row;
 * Ctrl/Shift marks; bulk tags on the marks and on the view reach the API and show on the rows.
 */
import { describe, expect, it } from 'vitest';
import { annotationOf } from '../../../renderer/src/state/annotationsSlice.ts';
import { loadedRows, sampleStore } from './sample-workspace.ts';

async function ready() {
  const s = sampleStore();
  await s.store.getState().refresh();
  return s;
}

describe('annotations slice', () => {
  it('a star shows while its save is in flight, and stays once saved (and read back by the next page)', async () => {
    const { fake, store, events } = await ready();
    const row = loadedRows(store)[3]!;
    const release = fake.hold('annotations.set');
    const saving = store.getState().toggleStar(row.id);
    expect(annotationOf(store.getState(), row).starred).toBe(true);
    release();
    expect(await saving).toBe(true);
    expect(fake.callsOf('annotations.set').map((c) => c.input)).toEqual([{ eventId: row.id, starred: true }]);
    expect(events.find((e) => e.id === row.id)?.annotation).toEqual({ starred: true, tags: [], note: '' });
    await store.getState().refresh();
    const again = loadedRows(store).find((r) => r.id === row.id)!;
    expect(again.annotation?.starred).toBe(true);
    expect(annotationOf(store.getState(), again).starred).toBe(true);
  });

  it('a refused save is undone and its reason shown', async () => {
    const { fake, store } = await ready();
    const row = loadedRows(store)[0]!;
    fake.failNext('annotations.set', { code: 'workspace', message: 'The workspace file is read-only.' });
    expect(await store.getState().annotate(row.id, { tags: ['x'] })).toBe(false);
    expect(annotationOf(store.getState(), row)).toEqual({ starred: false, tags: [], note: '' });
    expect(store.getState().bannerError).toBe('The change was not saved: The workspace file is read-only.');
  });

  it('a refused change rolls back to the change before it, even while that one is still saving', async () => {
    const { fake, store } = await ready();
    const row = loadedRows(store)[1]!;
    const release = fake.hold('annotations.set', { calls: 1 });
    fake.failNext('annotations.set', { code: 'internal', message: 'boom' });
    const first = store.getState().annotate(row.id, { note: 'first' });
    const second = store.getState().annotate(row.id, { note: 'second' });
    expect(await second).toBe(false); // the failure was armed for the next call to answer: this one
    release();
    expect(await first).toBe(true);
    expect(annotationOf(store.getState(), row).note).toBe('first');
  });

  it('`s` stars the selected row, and again unstars it', async () => {
    const { store } = await ready();
    store.getState().select(2);
    const row = loadedRows(store)[2]!;
    store.getState().toggleStarSelected();
    await expect.poll(() => store.getState().annotationEdits.get(row.id)?.starred).toBe(true);
    store.getState().toggleStarSelected();
    await expect.poll(() => store.getState().annotationEdits.get(row.id)?.starred).toBe(false);
  });

  it('Ctrl-click marks (keeping the selected row), Shift-click marks a range, a new view clears the marks', async () => {
    const { store } = await ready();
    const ids = loadedRows(store).map((r) => r.id);
    store.getState().select(0);
    store.getState().toggleMark(4);
    expect([...store.getState().marked].sort()).toEqual([ids[0], ids[4]].sort());
    store.getState().toggleMark(4);
    expect([...store.getState().marked]).toEqual([ids[0]]);
    store.getState().toggleMark(2);
    store.getState().markRange(6);
    expect([...store.getState().marked].sort()).toEqual(ids.slice(2, 7).sort());
    store.getState().setQueryText('outcome:failure');
    store.getState().runQuery();
    await expect.poll(() => store.getState().marked.size).toBe(0);
  });

  it('tags the marked rows; they show the tag at once', async () => {
    const { fake, store, events } = await ready();
    const ids = loadedRows(store).slice(0, 3).map((r) => r.id);
    store.getState().toggleMark(0);
    store.getState().markRange(2);
    const out = await store.getState().bulkTag('case-7', 'add', 'marked');
    expect(out).toEqual({ ok: true, message: "Tagged 3 events 'case-7' (3 selected)." });
    expect((fake.callsOf('annotations.bulkTag')[0]?.input as { target: { eventIds: number[] } }).target.eventIds.sort()).toEqual(ids.sort());
    for (const row of loadedRows(store).slice(0, 3)) expect(annotationOf(store.getState(), row).tags).toEqual(['case-7']);
    expect(annotationOf(store.getState(), loadedRows(store)[3]!).tags).toEqual([]);
    expect(events.filter((e) => e.annotation?.tags.includes('case-7')).map((e) => e.id).sort()).toEqual(ids.sort());
  });

  it('tags every event of the view on screen, and says a refusal without changing the rows', async () => {
    const { fake, store, events } = await ready();
    store.getState().setQueryText('outcome:failure');
    await store.getState().refresh();
    const out = await store.getState().bulkTag('fail-sweep', 'add', 'view');
    const failing = events.filter((e) => e.outcome === 'failure');
    expect(out.message).toBe(`Tagged ${failing.length} events 'fail-sweep' (${failing.length} in view).`);
    expect((fake.callsOf('annotations.bulkTag')[0]?.input as { target: { view: { query: string } } }).target.view.query).toBe('outcome:failure');
    for (const row of loadedRows(store)) expect(annotationOf(store.getState(), row).tags).toContain('fail-sweep');
    fake.failNext('annotations.bulkTag', { code: 'invalid_input', message: 'This view holds more than 100,000 events.' });
    const refused = await store.getState().bulkTag('other', 'add', 'view');
    expect(refused).toEqual({ ok: false, message: 'This view holds more than 100,000 events.' });
    for (const row of loadedRows(store)) expect(annotationOf(store.getState(), row).tags).not.toContain('other');
  });
});
