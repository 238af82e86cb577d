/**
 * The column chooser and the headings over a real store (fake API): hiding, showing, moving from
 * the keyboard, Reset; resizing by keyboard and by dragging the edge; moving by dragging a
 * heading; and the same columns after a remount with a new store (a reload) of the same workspace.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { workspaceStore } from '../state/workspace-prefs-store.ts';
import { click, fire, press } from './dom-events.ts';
import { byTestId, render, type Rendered } from './render.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { ColumnChooser } = await import('../../../renderer/src/components/ColumnChooser.tsx');
const { EventTableHeader } = await import('../../../renderer/src/components/EventTableHeader.tsx');

type Store = ReturnType<typeof createAppStore>;
let store: Store;
let view: Rendered;

async function mount(): Promise<void> {
  store = workspaceStore().store;
  holder.store = store;
  await store.getState().loadWorkspacePrefs();
  view = await render(
    <>
      <ColumnChooser />
      <EventTableHeader />
    </>,
  );
}

const headings = () => [...view.container.querySelectorAll<HTMLElement>('[role="columnheader"]')].map((h) => h.dataset.column);
const option = (id: string) => view.container.querySelector<HTMLElement>(`[data-testid="column-option"][data-column="${id}"]`)!;
const checkbox = (id: string) => option(id).querySelector('input')!;

beforeEach(async () => {
  localStorage.clear();
  await mount();
});
afterEach(async () => view.unmount());

describe('column chooser', () => {
  it('lists every column, shows and hides them, moves one with Alt+arrows and the buttons, and resets', async () => {
    await click(byTestId(view.container, 'column-chooser-toggle')!);
    const options = [...view.container.querySelectorAll<HTMLElement>('[data-testid="column-option"]')].map((o) => o.dataset.column);
    expect(options.slice(0, 7)).toEqual(['time', 'tenant', 'action', 'actor', 'target', 'outcome', 'ip']);
    expect(options).toContain('actorEmail');
    expect(options).toContain('message');

    await click(checkbox('ip'));
    expect(headings()).not.toContain('ip');
    await click(checkbox('severity'));
    expect(headings().at(-1)).toBe('severity');

    await press(checkbox('severity'), 'ArrowLeft', { altKey: true });
    await press(checkbox('severity'), 'ArrowUp', { altKey: true });
    expect(headings()).toEqual(['time', 'tenant', 'action', 'actor', 'severity', 'target', 'outcome']);
    // The moved checkbox keeps the focus, so the next Alt+← moves it again.
    expect(document.activeElement).toBe(checkbox('severity'));
    await click(option('time').querySelector('[aria-label="Move Time right"]')!);
    expect(headings().slice(0, 2)).toEqual(['tenant', 'time']);

    await click(byTestId(view.container, 'reset-columns')!);
    expect(headings()).toEqual(['time', 'tenant', 'action', 'actor', 'target', 'outcome', 'ip']);
  });

  it('Esc closes it and gives the focus back to its button', async () => {
    const toggle = byTestId(view.container, 'column-chooser-toggle')!;
    await click(toggle);
    expect(byTestId(view.container, 'column-chooser')).not.toBeNull();
    await press(checkbox('time'), 'Escape');
    expect(byTestId(view.container, 'column-chooser')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('a remount over a new store of the same workspace shows the columns as they were left', async () => {
    await click(byTestId(view.container, 'column-chooser-toggle')!);
    await click(checkbox('tenant'));
    await click(checkbox('geoCountry'));
    await press(checkbox('geoCountry'), 'ArrowLeft', { altKey: true });
    const before = headings();
    expect(before).toEqual(['time', 'action', 'actor', 'target', 'outcome', 'geoCountry', 'ip']);
    await view.unmount();
    await mount();
    expect(headings()).toEqual(before);
  });
});

describe('headings', () => {
  const handle = (id: string) => byTestId(view.container, `resize-${id}`)!;

  it('resize from the keyboard on the edge handle (Shift for bigger steps)', async () => {
    await press(handle('action'), 'ArrowRight');
    // Not laid out under happy-dom, so the start is the assumed 120 px.
    expect(store.getState().columnLayout.widths.action).toBe(130);
    await press(handle('action'), 'ArrowLeft', { shiftKey: true });
    expect(store.getState().columnLayout.widths.action).toBe(80);
    expect(handle('action').getAttribute('aria-valuenow')).toBe('80');
    expect(handle('action').getAttribute('role')).toBe('separator');
  });

  it('resize by dragging the edge', async () => {
    store.getState().resizeColumn('actor', 200);
    await fire(handle('actor'), new PointerEvent('pointerdown', { bubbles: true, clientX: 500, pointerId: 1 }));
    await fire(handle('actor'), new PointerEvent('pointermove', { bubbles: true, clientX: 560, pointerId: 1 }));
    await fire(handle('actor'), new PointerEvent('pointerup', { bubbles: true, clientX: 560, pointerId: 1 }));
    await fire(handle('actor'), new PointerEvent('pointermove', { bubbles: true, clientX: 900, pointerId: 1 }));
    expect(store.getState().columnLayout.widths.actor).toBe(260);
  });

  it('a heading dropped on another moves there', async () => {
    const heading = (id: string) => view.container.querySelector(`[role="columnheader"][data-column="${id}"]`)!;
    await fire(heading('ip'), new Event('dragstart', { bubbles: true }));
    await fire(heading('tenant'), new Event('dragover', { bubbles: true, cancelable: true }));
    await fire(heading('tenant'), new Event('drop', { bubbles: true, cancelable: true }));
    expect(headings()).toEqual(['time', 'ip', 'tenant', 'action', 'actor', 'target', 'outcome']);
  });
});
