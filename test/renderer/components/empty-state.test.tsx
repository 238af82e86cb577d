/**
 * An empty result says what narrowed it and its buttons widen the view; an empty workspace says
 * how to get events in; a failed load says what failed and Try again reloads the rows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { createFakeApi } from '../../support/fake-api.ts';
import { sampleStore } from '../state/sample-workspace.ts';
import { click } from './dom-events.ts';
import { byTestId, render, type Rendered } from './render.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { EmptyState, LoadErrorState } = await import('../../../renderer/src/components/EmptyState.tsx');

type Store = ReturnType<typeof createAppStore>;
let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

async function settle(store: Store): Promise<void> {
  await vi.waitFor(() => expect(store.getState().pageStatus).not.toBe('loading'));
}

describe('EmptyState', () => {
  it('names what narrowed the view, and each button widens it and reruns', async () => {
    const { store } = sampleStore();
    holder.store = store;
    store.setState({ queryText: 'outcome:nothing', scope: { kind: 'tenants', tenantIds: [2] }, rangePreset: '7d' });
    await store.getState().refresh();
    await settle(store);
    expect(store.getState().rowCount).toBe(0);
    view = await render(<EmptyState />);
    const state = byTestId(view.container, 'empty-state')!;
    expect(state.textContent).toContain('No events match this query in this scope in this time range.');

    await click(byTestId(view.container, 'empty-clear-query')!);
    await settle(store);
    expect(store.getState().queryText).toBe('');
    expect(store.getState().activeView?.query).toBe('');
    await click(byTestId(view.container, 'empty-all-time')!);
    await settle(store);
    expect(store.getState().rangePreset).toBe('all');
    // Globex (tenant 2) has 30 events, all in 2025: all time finds them.
    expect(store.getState().rowCount).toBe(30);
    await click(byTestId(view.container, 'empty-all-tenants')!);
    await settle(store);
    expect(store.getState().scope).toEqual({ kind: 'all' });
  });

  it('offers only the ways out that apply', async () => {
    const { store } = sampleStore();
    holder.store = store;
    store.setState({ queryText: 'outcome:nothing' });
    await store.getState().refresh();
    await settle(store);
    view = await render(<EmptyState />);
    expect(byTestId(view.container, 'empty-state')!.textContent).toContain('No events match this query.');
    expect(byTestId(view.container, 'empty-clear-query')).not.toBeNull();
    expect(byTestId(view.container, 'empty-all-time')).toBeNull();
    expect(byTestId(view.container, 'empty-all-tenants')).toBeNull();
  });

  it('in an empty workspace says how to get events in', async () => {
    const fake = createFakeApi({ tenants: [], events: [] });
    const { createAppStore } = await import('../../../renderer/src/state/createAppStore.ts');
    const store = createAppStore(fake.api);
    holder.store = store;
    await store.getState().refresh();
    await settle(store);
    view = await render(<EmptyState />);
    expect(byTestId(view.container, 'empty-state')!.textContent).toBe(
      'No events in this workspace yet.Add a connection under Connections, or import an export file with Import.',
    );
  });
});

describe('LoadErrorState', () => {
  it('says why the rows are missing, and Try again loads them', async () => {
    const { store, fake } = sampleStore();
    holder.store = store;
    fake.failNext('events.page', { code: 'workspace', message: 'The workspace could not be read.' });
    await store.getState().refresh();
    await settle(store);
    expect(store.getState().pageStatus).toBe('error');
    view = await render(<LoadErrorState />);
    expect(byTestId(view.container, 'load-error-state')!.textContent).toContain('The events could not be loaded: The workspace could not be read.');
    await click(byTestId(view.container, 'load-error-retry')!);
    await settle(store);
    expect(store.getState().pageStatus).toBe('ready');
    // The count follows the painted rows (docs/design.md §4) and makes the table its length.
    await vi.waitFor(() => expect(store.getState().rowCount).toBe(300));
  });
});
