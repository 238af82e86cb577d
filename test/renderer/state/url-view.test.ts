/** The view in the URL: written as views run (the time display as it switches), read back at start; unreadable parts are skipped. */
import { describe, expect, it } from 'vitest';
import { bindUrlView, viewFromHash, viewToHash, withTimeZone } from '../../../renderer/src/state/urlView.ts';
import { sampleStore } from './sample-workspace.ts';

describe('view in the URL', () => {
  it('round-trips query, scope, a custom range, the order and the time display', () => {
    const hash = viewToHash({ queryText: 'outcome:"failure" login', scope: { kind: 'tenants', tenantIds: [2, 3] }, rangePreset: 'all', customRange: { from: 10, to: 20 }, order: 'oldest', timeZone: 'local' });
    expect(viewFromHash(`#${hash}`)).toEqual({ queryText: 'outcome:"failure" login', scope: { kind: 'tenants', tenantIds: [2, 3] }, customRange: { from: 10, to: 20 }, order: 'oldest', timeZone: 'local' });
    expect(viewFromHash(viewToHash({ queryText: '', scope: { kind: 'group', group: 'eu' }, rangePreset: '7d', customRange: null, order: 'newest', timeZone: 'utc' }))).toEqual({
      scope: { kind: 'group', group: 'eu' },
      rangePreset: '7d',
    });
  });

  it('skips what it cannot read and keeps the rest', () => {
    expect(viewFromHash('#q=x&range=5..2&order=sideways&scope=tenant:abc')).toEqual({ queryText: 'x', scope: { kind: 'all' } });
    expect(viewFromHash('#range=1700000000000..')).toEqual({ customRange: { from: 1_700_000_000_000, to: null } });
    expect(viewFromHash('#%E0%A4%A')).toEqual({});
    expect(viewFromHash('#range=7d&tz=Mars%2FOlympus')).toEqual({ rangePreset: '7d' });
  });

  it('switching the time display changes only its part of the hash', () => {
    expect(withTimeZone('#q=a%3Ab&range=30d', 'local')).toBe('q=a%3Ab&range=30d&tz=local');
    expect(withTimeZone('q=a%3Ab&range=30d&tz=local', 'utc')).toBe('q=a%3Ab&range=30d');
  });

  it('the UTC/local switch goes into the URL without running a view, and a reload comes back in that zone', async () => {
    const { store, fake } = sampleStore();
    window.history.replaceState(null, '', '#range=7d');
    bindUrlView(store);
    await store.getState().refresh();
    await expect.poll(() => window.location.hash).toBe('#range=7d');
    const pagesRun = fake.callsOf('events.page').length;
    // Typed but not run: the switch must not put this text in the URL.
    store.getState().setQueryText('outcome:failure');
    store.getState().setTimeZone('local');
    expect(window.location.hash).toBe('#range=7d&tz=local');
    expect(fake.callsOf('events.page')).toHaveLength(pagesRun);

    const reloaded = sampleStore().store;
    bindUrlView(reloaded);
    expect(reloaded.getState()).toMatchObject({ timeZone: 'local', rangePreset: '7d', queryText: '' });
    // A view run afterwards keeps the zone in the URL; switching back to UTC takes it out.
    reloaded.getState().setRangePreset('30d');
    await expect.poll(() => window.location.hash).toBe('#range=30d&tz=local');
    reloaded.getState().setTimeZone('utc');
    expect(window.location.hash).toBe('#range=30d');
  });

  it('a store bound to the URL starts from it and writes each view that runs', async () => {
    const { store, fake } = sampleStore();
    window.history.replaceState(null, '', '#q=tenant%3AGlobex&order=oldest');
    bindUrlView(store);
    expect(store.getState()).toMatchObject({ queryText: 'tenant:Globex', order: 'oldest' });
    await store.getState().refresh();
    expect(fake.callsOf('events.page')[0]?.input).toMatchObject({ order: 'oldest', view: { query: 'tenant:Globex' } });
    store.getState().setRangePreset('30d');
    await expect.poll(() => window.location.hash).toBe('#q=tenant%3AGlobex&range=30d&order=oldest');
  });
});
