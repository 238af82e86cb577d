/**
 * The start-view preset applies when the page opens without a view in its URL, and not on a
 * reload or a shared link, whose view in the URL wins.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { sampleStore } from '../state/sample-workspace.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../renderer/src/api/ApiClientError.ts');
  const preset = {
    id: 1,
    name: 'Failures',
    description: '',
    view: { scope: { kind: 'all' }, range: { preset: 'all' }, query: 'outcome:failure', order: 'newest' },
    pinned: false,
    startView: true,
    createdAt: 0,
    updatedAt: 0,
  };
  return { api: { 'presets.list': async () => ({ presets: [preset] }) }, ApiClientError, transportKind: 'http' };
});
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { applyStartView } = await import('../../../renderer/src/components/presets/presetView.ts');

let store: ReturnType<typeof createAppStore>;
beforeEach(() => {
  store = sampleStore().store;
  holder.store = store;
});

describe('start view', () => {
  it('applies with no view in the URL', async () => {
    await applyStartView('');
    expect(store.getState().queryText).toBe('outcome:failure');
  });

  it('leaves a view in the URL alone', async () => {
    store.setState({ queryText: 'action:x' });
    await applyStartView('#q=action%3Ax&range=all');
    expect(store.getState().queryText).toBe('action:x');
  });
});
