/**
 * The last view per workspace: a new store (a fresh window) over the same workspace comes back
 * with the query, scope, range and order last run; a view in the URL, another workspace, a view
 * changed before the workspace was known, or unreadable stored text leave it alone.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bindLastView, LAST_VIEW_PREF } from '../../../renderer/src/state/lastView.ts';
import { writePref } from '../../../renderer/src/state/workspacePrefs.ts';
import { workspaceStore } from './workspace-prefs-store.ts';

type Store = ReturnType<typeof workspaceStore>['store'];

async function settle(store: Store): Promise<void> {
  await vi.waitFor(() => expect(store.getState().pageStatus).toBe('ready'));
}

/** A window's start: bind, run the default view, learn the workspace. */
async function start(path = '/work/a.trailkeeper', restore = true): Promise<Store> {
  const { store } = workspaceStore(path);
  bindLastView(store, restore);
  void store.getState().refresh();
  await store.getState().loadWorkspacePrefs();
  await settle(store);
  return store;
}

beforeEach(() => localStorage.clear());

describe('last view', () => {
  it('a fresh window over the same workspace shows the view last run', async () => {
    const first = await start();
    first.setState({ queryText: 'outcome:failure', order: 'oldest' });
    first.getState().setScope({ kind: 'tenants', tenantIds: [1, 3] });
    await settle(first);
    first.getState().setRangePreset('30d');
    await settle(first);

    const second = await start();
    await vi.waitFor(() => expect(second.getState().activeView?.query).toBe('outcome:failure'));
    await settle(second);
    const s = second.getState();
    expect(s.queryText).toBe('outcome:failure');
    expect(s.scope).toEqual({ kind: 'tenants', tenantIds: [1, 3] });
    expect(s.rangePreset).toBe('30d');
    expect(s.order).toBe('oldest');
  });

  it('a fresh window comes back in the time zone display last chosen, though the switch ran no view', async () => {
    const first = await start();
    first.getState().setRangePreset('30d');
    await settle(first);
    first.getState().setTimeZone('local');

    const second = await start();
    await vi.waitFor(() => expect(second.getState().timeZone).toBe('local'));
    await settle(second);
    expect(second.getState().rangePreset).toBe('30d');

    second.getState().setTimeZone('utc');
    const third = await start();
    await vi.waitFor(() => expect(third.getState().rangePreset).toBe('30d'));
    expect(third.getState().timeZone).toBe('utc');
  });

  it('leaves the view alone when the URL named one, for another workspace, or after the user changed it', async () => {
    const first = await start();
    first.getState().setScope({ kind: 'tenants', tenantIds: [2] });
    await settle(first);

    const fromUrl = await start('/work/a.trailkeeper', false);
    expect(fromUrl.getState().scope).toEqual({ kind: 'all' });
    const other = await start('/work/b.trailkeeper');
    expect(other.getState().scope).toEqual({ kind: 'all' });

    const { store: changed } = workspaceStore();
    bindLastView(changed, true);
    changed.getState().setScope({ kind: 'tenants', tenantIds: [3] });
    await changed.getState().loadWorkspacePrefs();
    await settle(changed);
    expect(changed.getState().scope).toEqual({ kind: 'tenants', tenantIds: [3] });
  });

  it('unreadable stored text gives the default view', async () => {
    writePref('/work/a.trailkeeper', LAST_VIEW_PREF, { not: 'a view' });
    const store = await start();
    expect(store.getState().scope).toEqual({ kind: 'all' });
    expect(store.getState().queryText).toBe('');
  });
});
