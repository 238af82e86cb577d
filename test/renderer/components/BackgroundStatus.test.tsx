/**
 * The background line in the top bar: while the demo loads it says how far it has come, and when
 * the workspace holds more events than the tenant list knows, the list and the rows refresh.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallOutput } from '../../../common/contract.ts';

type Info = CallOutput<'app.info'>;
const script = vi.hoisted(() => ({ infos: [] as unknown[], calls: [] as string[] }));

vi.mock('../../../renderer/src/api/client.ts', () => ({
  api: {
    'app.info': async () => {
      script.calls.push('app.info');
      return script.infos.length > 1 ? script.infos.shift() : script.infos[0];
    },
  },
}));

const loadTenants = vi.fn(async () => {});
const refresh = vi.fn(async () => {});
vi.mock('../../../renderer/src/state/store.ts', () => ({
  useAppStore: { getState: () => ({ tenants: [{ eventCount: 100 }], loadTenants, refresh }) },
}));

const { BackgroundStatus } = await import('../../../renderer/src/components/BackgroundStatus.tsx');

function info(demoLoad: Info['demoLoad'], eventCount = 100, fullTextPending = 0): Info {
  return { version: '0', workspacePath: '/w', transport: 'http', eventCount, fullTextPending, demoLoad };
}
const loading = (tenantsDone: number, inserted: number) =>
  ({ state: 'loading', tenantsDone, tenantsTotal: 4, inserted, message: null }) as const;

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  script.infos = [];
  script.calls = [];
  loadTenants.mockClear();
  refresh.mockClear();
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

const text = () => container.textContent ?? '';
const tick = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

describe('BackgroundStatus', () => {
  it('shows the demo load as it moves, then refreshes tenants and rows once when it is done', async () => {
    script.infos = [info(loading(1, 1_937)), info(loading(3, 5_120)), info({ ...loading(4, 6_942), state: 'done' }, 6_942)];
    await act(async () => root.render(<BackgroundStatus />));
    await tick(0);
    expect(text()).toBe('loading the demo workspace: 1 of 4 tenants, 1,937 events');
    expect(loadTenants).not.toHaveBeenCalled();
    await tick(400);
    expect(text()).toBe('loading the demo workspace: 3 of 4 tenants, 5,120 events');
    await tick(400);
    expect(text()).toBe('');
    expect(loadTenants).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    // Done and nothing left to index: it stops polling.
    const polls = script.calls.length;
    await tick(10_000);
    expect(script.calls.length).toBe(polls);
  });

  it('says why the demo failed, in its sentence', async () => {
    script.infos = [info({ state: 'failed', tenantsDone: 1, tenantsTotal: 4, inserted: 10, message: 'The demo data set could not be loaded: disk full' })];
    await act(async () => root.render(<BackgroundStatus />));
    await tick(0);
    expect(text()).toBe('The demo data set could not be loaded: disk full');
  });

  it('shows the full-text backlog and leaves the tenant list alone when its total is current', async () => {
    script.infos = [info(null, 100, 2_500), info(null, 100, 0)];
    await act(async () => root.render(<BackgroundStatus />));
    await tick(0);
    expect(text()).toBe('indexing full text: 2,500 to go');
    await tick(3_000);
    expect(text()).toBe('');
    expect(loadTenants).not.toHaveBeenCalled();
  });
});
