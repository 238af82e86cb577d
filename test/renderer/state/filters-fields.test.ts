/**
 * The field sidebar's exact top values over the whole view, and filters from a value as query
 * terms that chips toggle, negate and remove, each rerunning the view.
 */
import { describe, expect, it } from 'vitest';
import { filterTerms } from '../../../renderer/src/format/queryTerms.ts';
import { loadedRows, sampleStore } from './sample-workspace.ts';

describe('field values', () => {
  it('counts the open fields over the whole view, one after another after the first page', async () => {
    const { fake, store } = sampleStore();
    await store.getState().refresh();
    await expect.poll(() => store.getState().fieldValues.outcome?.status).toBe('ready');
    expect(store.getState().fieldValues.outcome).toMatchObject({ total: 300, values: [{ value: 'success', count: 240 }, { value: 'failure', count: 60 }] });
    await expect.poll(() => store.getState().fieldValues.tenant?.status).toBe('ready');
    expect(store.getState().fieldValues.tenant?.values[0]).toEqual({ value: 'Acme', count: 250 });
    // Never two at once: each waits for the one before.
    const asked = fake.callsOf('events.topValues').map((c) => (c.input as { field: string }).field);
    expect(asked.slice(0, 3)).toEqual(['outcome', 'action', 'tenant']);
  });

  it('opening a closed field counts it for the view on screen', async () => {
    const { store } = sampleStore();
    await store.getState().refresh();
    store.getState().toggleField('ip');
    expect(store.getState().openFields).toContain('ip');
    await expect.poll(() => store.getState().fieldValues.ip?.status).toBe('ready');
    expect(store.getState().fieldValues.ip?.values).toEqual([{ value: null, count: 300 }]);
  });
});

describe('filters and chips', () => {
  it('filter for a value narrows the view; filter out replaces it with its opposite; twice adds nothing', async () => {
    const { store } = sampleStore();
    await store.getState().refresh();
    store.getState().addFilter('outcome', 'failure', false);
    expect(store.getState().queryText).toBe('outcome:"failure"');
    await expect.poll(() => store.getState().count).toBe(60);
    expect(loadedRows(store).every((r) => r.outcome === 'failure')).toBe(true);
    store.getState().addFilter('outcome', 'failure', false);
    expect(store.getState().queryText).toBe('outcome:"failure"');
    store.getState().addFilter('outcome', 'failure', true);
    expect(store.getState().queryText).toBe('-outcome:"failure"');
    await expect.poll(() => store.getState().count).toBe(240);
  });

  it('a chip toggled off restores the rows and waits to go back in; negate and remove edit only that term', async () => {
    const { store } = sampleStore();
    store.getState().setQueryText('tenant:Acme');
    await store.getState().refresh();
    store.getState().addFilter('outcome', 'failure', false);
    await expect.poll(() => store.getState().count).toBe(50);
    store.getState().toggleFilter('outcome:"failure"');
    expect(store.getState().queryText).toBe('tenant:Acme');
    expect(store.getState().disabledFilters).toEqual(['outcome:"failure"']);
    await expect.poll(() => store.getState().count).toBe(250);
    store.getState().toggleFilter('outcome:"failure"');
    await expect.poll(() => store.getState().count).toBe(50);
    expect(store.getState().disabledFilters).toEqual([]);
    const [tenant] = filterTerms(store.getState().queryText);
    store.getState().negateFilter(tenant!);
    expect(store.getState().queryText).toBe('-tenant:Acme outcome:"failure"');
    await expect.poll(() => store.getState().count).toBe(10);
    store.getState().removeFilter('-tenant:Acme');
    expect(store.getState().queryText).toBe('outcome:"failure"');
    await expect.poll(() => store.getState().count).toBe(60);
  });
});
