/**
 * Rows first (issue 9; docs/design.md §4): a view's first page is asked for alone; its count,
 * histogram and field values start only once the frame with its rows has been painted (or after
 * PAINT_WAIT_LIMIT_MS in a window that paints no frames), the count first; and a new view stops
 * the old view's follow-up work as soon as it is asked for, so its first page finds the store's
 * readers free. A refused query keeps the old view, and what it stopped starts again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAINT_WAIT_LIMIT_MS } from '../../../renderer/src/state/afterPaint.ts';
import { TOP_VALUES } from '../../../renderer/src/state/fieldsSlice.ts';
import { sampleStore } from './sample-workspace.ts';

const FOLLOW_UPS = ['events.count', 'events.histogram', 'events.topValues'] as const;

/** Lets the fake API's promise chains settle without moving the (fake) clock. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the order of a view\'s work', () => {
  it('asks for the first page alone, then the count, histogram and field values once its rows are painted; all arrive and agree', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const { fake, store, events } = sampleStore();
    const refreshed = store.getState().refresh();
    await settle();
    expect(store.getState().pageStatus).toBe('ready');
    expect(fake.calls.map((c) => c.name)).toEqual(['events.page']);
    // The count is on its way (the table says so), but nothing has been asked for before the paint.
    expect(store.getState().countStatus).toBe('loading');

    await vi.advanceTimersByTimeAsync(20); // one frame, and the task after its paint
    // The count first; the field values then go one field after another.
    expect(fake.calls.slice(0, 4).map((c) => c.name)).toEqual(['events.page', 'events.count', 'events.histogram', 'events.topValues']);

    vi.useRealTimers();
    await refreshed;
    expect(store.getState().count).toBe(events.length);
    await expect.poll(() => store.getState().histogramStatus).toBe('ready');
    expect(store.getState().histogram?.buckets.reduce((n, b) => n + b.count, 0)).toBe(events.length);
    await expect.poll(() => store.getState().openFields.every((f) => store.getState().fieldValues[f]?.status === 'ready')).toBe(true);
    const failures = events.filter((e) => e.outcome === 'failure').length;
    expect(store.getState().fieldValues.outcome?.values).toEqual([
      { value: 'success', count: events.length - failures },
      { value: 'failure', count: failures },
    ].slice(0, TOP_VALUES));
  });

  it('in a window that paints no frames, starts them after the wait limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 0); // a hidden window: frame callbacks never run
    const { fake, store } = sampleStore();
    void store.getState().refresh();
    await settle();
    expect(store.getState().pageStatus).toBe('ready');
    await vi.advanceTimersByTimeAsync(PAINT_WAIT_LIMIT_MS - 1);
    expect(fake.callsOf('events.count')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls.slice(0, 4).map((c) => c.name)).toEqual(['events.page', ...FOLLOW_UPS]);
  });

  it('a new view stops the old view\'s count, histogram and field values before its own first page comes', async () => {
    const { fake, store } = sampleStore();
    const releases = FOLLOW_UPS.map((name) => fake.hold(name, { calls: 1 }));
    void store.getState().refresh();
    await expect.poll(() => FOLLOW_UPS.map((name) => fake.callsOf(name).length)).toEqual([1, 1, 1]);
    const releasePage = fake.hold('events.page');
    store.getState().setScope({ kind: 'group', group: 'eu' });
    // The new page is still held: the old view's work is already stopped.
    expect(store.getState().pageStatus).toBe('loading');
    for (const name of FOLLOW_UPS) expect(fake.callsOf(name)[0]?.signal?.aborted).toBe(true);
    releasePage();
    releases.forEach((release) => release());
    await expect.poll(() => store.getState().count).toBe(270);
    expect(store.getState().bannerError).toBeNull();
    await expect.poll(() => store.getState().histogramStatus).toBe('ready');
    expect(store.getState().histogram?.buckets.reduce((n, b) => n + b.count, 0)).toBe(270);
  });

  it('a refused query keeps the view, and its stopped count, histogram and field values start again', async () => {
    const { fake, store } = sampleStore();
    const releases = FOLLOW_UPS.map((name) => fake.hold(name, { calls: 1 }));
    void store.getState().refresh();
    await expect.poll(() => FOLLOW_UPS.map((name) => fake.callsOf(name).length)).toEqual([1, 1, 1]);
    const view = store.getState().activeView;
    store.getState().setQueryText('outcome:');
    await store.getState().refresh();
    expect(store.getState().queryError?.column).toBe(9);
    expect(store.getState().activeView).toBe(view);
    for (const name of FOLLOW_UPS) {
      const [stopped, again] = fake.callsOf(name);
      expect(stopped?.signal?.aborted).toBe(true);
      expect(again?.signal?.aborted).toBe(false);
      expect((again?.input as { view: unknown }).view).toEqual(view);
    }
    releases.forEach((release) => release());
    await expect.poll(() => store.getState().count).toBe(300);
    await expect.poll(() => store.getState().histogramStatus).toBe('ready');
    await expect.poll(() => store.getState().fieldValues.outcome?.status).toBe('ready');
    expect(store.getState().bannerError).toBeNull();
  });
});
