/**
 * Completion in the store: field names at once; values of the field being typed from
 * events.topValues over the scope and range on screen (not the half-typed query), looked up once
 * typing pauses, the lookup in flight aborted by the next keystroke.
 */
import { describe, expect, it } from 'vitest';
import { workspaceStore } from './workspace-prefs-store.ts';

type TopInput = { view: { scope: unknown; query: string }; field: string };

describe('query completion', () => {
  it('completes a field name without asking the API', () => {
    const { fake, store } = workspaceStore();
    store.getState().updateCompletion('outc', 4);
    expect(store.getState().completionOpen).toBe(true);
    expect(store.getState().completionItems.map((i) => i.insert)).toEqual(['outcome:']);
    expect(fake.callsOf('events.topValues')).toHaveLength(0);
  });

  it('lists the top values of the field with their counts in the current scope, filtered by what is typed', async () => {
    const { fake, store } = workspaceStore();
    store.getState().setScope({ kind: 'tenants', tenantIds: [2] });
    store.getState().updateCompletion('tenant:', 7);
    await expect.poll(() => store.getState().completionItems.map((i) => `${i.label} ${i.detail}`)).toEqual(['Globex 30']);
    const asked = fake.callsOf('events.topValues').at(-1)!.input as TopInput;
    expect(asked).toMatchObject({ field: 'tenant', view: { scope: { kind: 'tenants', tenantIds: [2] }, query: '' } });

    store.getState().setScope({ kind: 'all' });
    store.getState().updateCompletion('outcome:fa', 10);
    await expect.poll(() => store.getState().completionItems.map((i) => `${i.label} ${i.detail}`)).toEqual(['failure 60']);
    // More of the same value filters what came back, without asking again.
    const calls = fake.callsOf('events.topValues').length;
    store.getState().updateCompletion('outcome:s', 9);
    expect(store.getState().completionItems.map((i) => i.label)).toEqual(['success']);
    expect(fake.callsOf('events.topValues')).toHaveLength(calls);
  });

  it('a newer keystroke aborts the lookup in flight, and only its answer shows', async () => {
    const { fake, store } = workspaceStore();
    const release = fake.hold('events.topValues', { calls: 1 });
    store.getState().updateCompletion('tenant:', 7);
    await expect.poll(() => fake.callsOf('events.topValues').length).toBe(1);
    store.getState().updateCompletion('action:', 7);
    await expect.poll(() => fake.callsOf('events.topValues').length).toBe(2);
    expect(fake.callsOf('events.topValues')[0]!.signal?.aborted).toBe(true);
    release();
    await expect.poll(() => store.getState().completionItems.length).toBeGreaterThan(0);
    const labels = store.getState().completionItems.map((i) => i.label);
    expect(labels).not.toContain('Acme');
    expect((fake.callsOf('events.topValues')[1]!.input as TopInput).field).toBe('action');
  });

  it('moves the highlight with wrap-around and closes', () => {
    const { store } = workspaceStore();
    store.getState().updateCompletion('act', 3);
    const n = store.getState().completionItems.length;
    expect(n).toBeGreaterThan(1);
    store.getState().moveCompletion(-1);
    expect(store.getState().completionActive).toBe(n - 1);
    store.getState().moveCompletion(1);
    expect(store.getState().completionActive).toBe(0);
    store.getState().closeCompletion();
    expect(store.getState().completionOpen).toBe(false);
  });
});
