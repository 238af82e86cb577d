/**
 * Columns and query history are the workspace's: kept in localStorage under the path app.info
 * names, read back by a new store (a reload), separate for another workspace, untouched by a
 * scope switch. History keeps each query that ran, newest first, once, at most 50.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_LIMIT } from '../../../renderer/src/state/historySlice.ts';
import { DEFAULT_LAYOUT } from '../../../renderer/src/table/columnLayout.ts';
import { workspaceStore } from './workspace-prefs-store.ts';

beforeEach(() => localStorage.clear());

async function ran(store: ReturnType<typeof workspaceStore>['store'], query: string) {
  store.getState().setQueryText(query);
  await store.getState().refresh();
}

describe('columns per workspace', () => {
  it('a new store for the same workspace shows the same columns; another workspace its defaults', async () => {
    const first = workspaceStore().store;
    await first.getState().loadWorkspacePrefs();
    first.getState().toggleColumn('ip');
    first.getState().toggleColumn('actorEmail');
    first.getState().moveColumn('actorEmail', -10);
    first.getState().resizeColumn('action', 230);
    const layout = first.getState().columnLayout;
    expect(layout.visible).toEqual(['actorEmail', 'time', 'tenant', 'action', 'actor', 'target', 'outcome']);

    const reloaded = workspaceStore().store;
    expect(reloaded.getState().columnLayout).toEqual(DEFAULT_LAYOUT);
    await reloaded.getState().loadWorkspacePrefs();
    expect(reloaded.getState().columnLayout).toEqual(layout);

    const other = workspaceStore('/work/b.trailkeeper').store;
    await other.getState().loadWorkspacePrefs();
    expect(other.getState().columnLayout).toEqual(DEFAULT_LAYOUT);
  });

  it('Reset columns goes back to the defaults and forgets the stored layout', async () => {
    const { store } = workspaceStore();
    await store.getState().loadWorkspacePrefs();
    store.getState().toggleColumn('tenant');
    store.getState().resetColumns();
    expect(store.getState().columnLayout).toEqual(DEFAULT_LAYOUT);
    const reloaded = workspaceStore().store;
    await reloaded.getState().loadWorkspacePrefs();
    expect(reloaded.getState().columnLayout).toEqual(DEFAULT_LAYOUT);
  });

  it('a scope switch keeps the columns', async () => {
    const { store } = workspaceStore();
    await store.getState().loadWorkspacePrefs();
    store.getState().toggleColumn('severity');
    const layout = store.getState().columnLayout;
    store.getState().setScope({ kind: 'tenants', tenantIds: [2] });
    await expect.poll(() => store.getState().count).toBe(30);
    expect(store.getState().columnLayout).toBe(layout);
  });

  it('a stored layout that is not one is ignored', async () => {
    localStorage.setItem('trailkeeper:columns:/work/a.trailkeeper', '{"visible": 3}');
    const { store } = workspaceStore();
    await store.getState().loadWorkspacePrefs();
    expect(store.getState().columnLayout).toEqual(DEFAULT_LAYOUT);
  });
});

describe('query history', () => {
  it('keeps each query that ran, newest first and once; a refused query is not kept', async () => {
    const { store } = workspaceStore();
    await store.getState().loadWorkspacePrefs();
    await ran(store, 'outcome:failure');
    await ran(store, 'tenant:Acme');
    await ran(store, 'outcome:failure');
    await ran(store, 'nosuch:x');
    expect(store.getState().queryError).not.toBeNull();
    expect(store.getState().queryHistory).toEqual(['outcome:failure', 'tenant:Acme']);
  });

  it('keeps the last 50, and a reload of the workspace has them', async () => {
    const { store } = workspaceStore();
    await store.getState().loadWorkspacePrefs();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store.getState().recordQuery(`action:a${i}`);
    expect(store.getState().queryHistory).toHaveLength(HISTORY_LIMIT);
    expect(store.getState().queryHistory[0]).toBe(`action:a${HISTORY_LIMIT + 4}`);
    const reloaded = workspaceStore().store;
    await reloaded.getState().loadWorkspacePrefs();
    expect(reloaded.getState().queryHistory).toEqual(store.getState().queryHistory);
    const other = workspaceStore('/work/b.trailkeeper').store;
    await other.getState().loadWorkspacePrefs();
    expect(other.getState().queryHistory).toEqual([]);
  });

  it('steps back through older queries, skipping the one on screen, and forward to the text it began with', () => {
    const { store } = workspaceStore();
    for (const q of ['a:1', 'b:2', 'c:3']) store.getState().recordQuery(q);
    const step = (d: 'back' | 'forward', text: string) => store.getState().stepHistory(d, text);
    expect(step('back', 'c:3')).toBe('b:2');
    expect(step('back', 'b:2')).toBe('a:1');
    expect(step('back', 'a:1')).toBeNull();
    expect(step('forward', 'a:1')).toBe('b:2');
    expect(step('forward', 'b:2')).toBe('c:3');
    expect(step('forward', 'c:3')).toBe('c:3');
    expect(store.getState().historyPos).toBeNull();
    expect(step('forward', 'c:3')).toBeNull();
  });
});
