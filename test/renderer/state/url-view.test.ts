/** The view in the URL: written as views run, read back at start; unreadable parts are skipped. */
import { describe, expect, it } from 'vitest';
import { bindUrlView, viewFromHash, viewToHash } from '../../../renderer/src/state/urlView.ts';
import { sampleStore } from './sample-workspace.ts';

describe('view in the URL', () => {
  it('round-trips query, scope, a custom range and the order', () => {
    const hash = viewToHash({ queryText: 'outcome:"failure" login', scope: { kind: 'tenants', tenantIds: [2, 3] }, rangePreset: 'all', customRange: { from: 10, to: 20 }, order: 'oldest' });
    expect(viewFromHash(`#${hash}`)).toEqual({ queryText: 'outcome:"failure" login', scope: { kind: 'tenants', tenantIds: [2, 3] }, customRange: { from: 10, to: 20 }, order: 'oldest' });
    expect(viewFromHash(viewToHash({ queryText: '', scope: { kind: 'group', group: 'eu' }, rangePreset: '7d', customRange: null, order: 'newest' }))).toEqual({
      scope: { kind: 'group', group: 'eu' },
      rangePreset: '7d',
    });
  });

  it('skips what it cannot read and keeps the rest', () => {
    expect(viewFromHash('#q=x&range=5..2&order=sideways&scope=tenant:abc')).toEqual({ queryText: 'x', scope: { kind: 'all' } });
    expect(viewFromHash('#range=1700000000000..')).toEqual({ customRange: { from: 1_700_000_000_000, to: null } });
    expect(viewFromHash('#%E0%A4%A')).toEqual({});
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
