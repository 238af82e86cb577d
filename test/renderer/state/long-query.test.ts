/**
 * A query longer than the contract's 10,000 characters is named as too long, under the query box
 * like a typo, and the last results, count and rows stay: nothing is sent that the API refuses.
 */
import { describe, expect, it } from 'vitest';
import { sampleStore } from './sample-workspace.ts';

describe('a query over 10,000 characters', () => {
  it('keeps the rows and the count and says how long it is and what the limit is', async () => {
    const { store, fake } = sampleStore();
    await store.getState().refresh();
    const before = store.getState();
    expect(before.rowCount).toBe(300);
    const pagesBefore = fake.callsOf('events.page').length;

    const long = 'actor:' + 'a'.repeat(10_000);
    store.getState().setQueryText(long);
    await store.getState().refresh();
    const after = store.getState();
    expect(after.pageStatus).toBe('ready');
    expect(after.rowCount).toBe(300);
    expect(after.count).toBe(before.count);
    expect(after.activeView).toBe(before.activeView);
    expect(after.bannerError).toBeNull();
    expect(after.queryError).toEqual({
      message: 'This query is 10,006 characters long; a query can be at most 10,000. Shorten it: the results below are for the last query that ran.',
      column: 10_001,
      query: long,
    });
    expect(fake.callsOf('events.page').length).toBe(pagesBefore);
  });
});
