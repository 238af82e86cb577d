/** The view slice over the fake API: switching scope or range reruns the view with the query kept. */
import { describe, expect, it } from 'vitest';
import { loadedRows, sampleStore } from './sample-workspace.ts';

describe('view slice', () => {
  it('switching scope reruns the view for that scope with the query kept', async () => {
    const { fake, store } = sampleStore();
    store.getState().setQueryText('outcome:failure');
    await store.getState().refresh();
    store.getState().setScope({ kind: 'group', group: 'eu' });
    await expect.poll(() => store.getState().countStatus).toBe('ready');
    const rows = loadedRows(store);
    expect(rows.length).toBe(54); // Acme 50 + Initech 4 failures
    expect(new Set(rows.map((r) => r.tenantId))).toEqual(new Set([1, 3]));
    expect(rows.every((r) => r.outcome === 'failure')).toBe(true);
    expect(store.getState().count).toBe(54);
    const lastPage = fake.callsOf('events.page').at(-1)?.input as { view: { query: string; scope: unknown } };
    expect(lastPage.view).toMatchObject({ query: 'outcome:failure', scope: { kind: 'group', group: 'eu' } });
  });

  it('a new view clears the selection, and typing alone does not rerun it', async () => {
    const { fake, store } = sampleStore();
    await store.getState().refresh();
    store.getState().select(3);
    expect(store.getState().selectedIndex).toBe(3);
    store.getState().setQueryText('tenant:Globex');
    expect(fake.callsOf('events.page').length).toBe(1);
    store.getState().runQuery();
    await expect.poll(() => store.getState().count).toBe(30);
    expect(store.getState().selectedIndex).toBeNull();
    expect(loadedRows(store).every((r) => r.tenantName === 'Globex')).toBe(true);
  });

  it('changing the range preset reruns the view with that range', async () => {
    const { fake, store } = sampleStore();
    await store.getState().refresh();
    store.getState().setRangePreset('24h');
    await expect.poll(() => fake.callsOf('events.page').length).toBe(2);
    const input = fake.callsOf('events.page')[1]?.input as { view: { range: { from: number | null; to: number | null } } };
    expect(input.view.range.from).not.toBeNull();
    // The sample events are from 2025: none falls in the last day.
    await expect.poll(() => store.getState().count).toBe(0);
    expect(store.getState().rowCount).toBe(0);
  });
});
