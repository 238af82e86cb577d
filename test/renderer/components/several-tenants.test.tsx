/**
 * Several tenants at once with the mouse: the scope picker's "Several tenants…" opens the palette,
 * a click on a tenant's box marks it, "Show 2 tenants" switches the scope to both, and the picker
 * then names them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { sampleStore } from '../state/sample-workspace.ts';
import { click, fire } from './dom-events.ts';
import { byTestId, render, type Rendered } from './render.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../renderer/src/api/ApiClientError.ts');
  return { api: {}, ApiClientError, transportKind: 'http' };
});
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { ScopePicker } = await import('../../../renderer/src/components/ScopePicker.tsx');
const { ScopePalette } = await import('../../../renderer/src/components/ScopePalette.tsx');

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

describe('several tenants from the scope picker', () => {
  it('Several tenants… opens the palette; box clicks mark; Show switches to the marked tenants', async () => {
    const store: ReturnType<typeof createAppStore> = sampleStore().store;
    holder.store = store;
    await store.getState().loadTenants();
    view = await render(
      <>
        <ScopePicker />
        <ScopePalette />
      </>,
    );
    const picker = byTestId(view.container, 'scope-picker') as HTMLSelectElement;
    expect([...picker.options].at(-1)?.textContent).toBe('Several tenants… (Ctrl+K)');
    picker.value = 'several-tenants';
    await fire(picker, new Event('change', { bubbles: true }));
    expect(store.getState().scope).toEqual({ kind: 'all' });
    expect(byTestId(view.container, 'scope-palette')).not.toBeNull();

    const entry = (name: string) => [...view!.container.querySelectorAll<HTMLElement>('[data-testid="scope-entry"]')].find((e) => e.textContent?.includes(name))!;
    await click(entry('Acme').querySelector('[data-testid="scope-entry-mark"]')!);
    await click(entry('Initech').querySelector('[data-testid="scope-entry-mark"]')!);
    expect(byTestId(view.container, 'scope-palette')).not.toBeNull();
    await click(byTestId(view.container, 'scope-palette-show-marked')!);

    expect(store.getState().scope).toEqual({ kind: 'tenants', tenantIds: [1, 3] });
    expect(byTestId(view.container, 'scope-palette')).toBeNull();
    expect(picker.selectedOptions[0]?.textContent).toBe('2 tenants: Acme, Initech');
  });
});
