/**
 * The inspector's values from the keyboard: Tab reaches a value, Enter (or Shift+F10) opens its
 * menu, and on the time "± 5 minutes around this event" sets that range; values with no action
 * (the SHA-256) are not tab stops.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AROUND_MS } from '../../../renderer/src/state/pivotSlice.ts';
import { workspaceStore } from '../state/workspace-prefs-store.ts';
import { click, press } from './dom-events.ts';
import { render, type Rendered } from './render.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { DetailFields } = await import('../../../renderer/src/components/DetailFields.tsx');
const { ValueMenu } = await import('../../../renderer/src/components/ValueMenu.tsx');

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

describe('inspector values by keyboard', () => {
  it('Enter on the time opens its menu; ± 5 minutes sets the range around it', async () => {
    const { store, fake } = workspaceStore();
    holder.store = store;
    const detail = await fake.api['events.get']({ id: 42 });
    view = await render(
      <>
        <DetailFields detail={detail} timeZone="utc" />
        <ValueMenu />
      </>,
    );
    const value = (label: string) => view!.container.querySelector<HTMLElement>(`[data-pivot-label="${label}"]`);
    expect(value('Time')?.tabIndex).toBe(0);
    expect(view.container.querySelectorAll('dd[tabindex="0"]').length).toBeGreaterThanOrEqual(5);
    expect(value('SHA-256')).toBeNull();

    await press(value('Outcome')!, 'F10', { shiftKey: true });
    expect([...view.container.querySelectorAll('[role="menuitem"]')].map((i) => i.textContent)).toEqual(['Filter for this value', 'Filter out this value', 'Copy']);
    await press(window as unknown as Element, 'Escape');
    await press(value('Time')!, 'Enter');
    const around = [...view.container.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((i) => i.textContent === '± 5 minutes around this event')!;
    await click(around);
    expect(store.getState().customRange).toEqual({ from: detail.ts - AROUND_MS, to: detail.ts + AROUND_MS + 1 });
  });
});
