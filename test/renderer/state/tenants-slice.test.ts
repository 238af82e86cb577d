/** The tenants slice over the fake API: the list and group labels, or the API sentence in the banner. */
import { describe, expect, it } from 'vitest';
import { sampleStore, TENANTS } from './sample-workspace.ts';

describe('tenants slice', () => {
  it('loads the tenants and their group labels', async () => {
    const { store } = sampleStore();
    await store.getState().loadTenants();
    expect(store.getState().tenants.map((t) => t.name)).toEqual(TENANTS.map((t) => t.name));
    expect(store.getState().groups).toEqual(['eu', 'us']);
  });

  it('a failure leaves the list empty and says why in the banner', async () => {
    const { fake, store } = sampleStore();
    fake.failNext('tenants.list', { code: 'internal', message: 'The workspace is closed.' });
    await store.getState().loadTenants();
    expect(store.getState().tenants).toEqual([]);
    expect(store.getState().bannerError).toBe('The workspace is closed.');
  });
});
