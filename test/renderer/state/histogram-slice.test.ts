/** The histogram of the view on screen: asked for after the first page, and a range picked on it narrows the view. */
import { describe, expect, it } from 'vitest';
import { BASE_TS, sampleStore } from './sample-workspace.ts';

describe('histogram slice', () => {
  it('loads the histogram of the view once its first page is in, never before', async () => {
    const { fake, store } = sampleStore();
    const release = fake.hold('events.page');
    const refreshed = store.getState().refresh();
    expect(fake.callsOf('events.histogram')).toHaveLength(0);
    release();
    await refreshed;
    await expect.poll(() => store.getState().histogramStatus).toBe('ready');
    const { histogram } = store.getState();
    expect(histogram?.buckets.reduce((n, b) => n + b.count, 0)).toBe(300);
    expect(histogram?.view).toBe(store.getState().activeView);
  });

  it('a custom range replaces the preset, reruns the view and its histogram; a preset clears it', async () => {
    const { fake, store } = sampleStore();
    await store.getState().refresh();
    store.getState().setCustomRange({ from: BASE_TS + 10 * 60_000, to: BASE_TS + 40 * 60_000 });
    await expect.poll(() => store.getState().count).toBe(30);
    const page = fake.callsOf('events.page').at(-1)?.input as { view: { range: unknown } };
    expect(page.view.range).toEqual({ from: BASE_TS + 10 * 60_000, to: BASE_TS + 40 * 60_000 });
    await expect.poll(() => store.getState().histogram?.buckets.reduce((n, b) => n + b.count, 0)).toBe(30);
    store.getState().setRangePreset('all');
    expect(store.getState().customRange).toBeNull();
    await expect.poll(() => store.getState().count).toBe(300);
  });

  it('a failed histogram says so in its place and leaves the banner and the rows alone', async () => {
    const { fake, store } = sampleStore();
    fake.failNext('events.histogram', { code: 'internal', message: 'The workspace could not be read.' });
    await store.getState().refresh();
    await expect.poll(() => store.getState().histogramStatus).toBe('error');
    expect(store.getState().histogramError).toBe('The workspace could not be read.');
    expect(store.getState().bannerError).toBeNull();
    expect(store.getState().rowCount).toBe(300);
  });
});
