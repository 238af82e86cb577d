/**
 * The value menu from the keyboard: on the selected row ←/→ pick a cell, `f` (or Shift+F10)
 * opens that cell's menu, arrows move through its items, an item acts, and focus comes back to
 * the grid.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { workspaceStore } from '../state/workspace-prefs-store.ts';
import { click, press } from './dom-events.ts';
import { byTestId, render, type Rendered } from './render.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { handleCellKey } = await import('../../../renderer/src/components/gridCellKeys.ts');
const { ValueMenu } = await import('../../../renderer/src/components/ValueMenu.tsx');

let store: ReturnType<typeof createAppStore>;
let view: Rendered;
let grid: HTMLElement;

beforeEach(async () => {
  store = workspaceStore().store;
  holder.store = store;
  await store.getState().refresh();
  store.getState().select(0);
  // A grid with its selected row, as EventTable renders it, and the menu beside it.
  view = await render(
    <>
      <div data-testid="grid" tabIndex={0} onKeyDown={(e) => void handleCellKey(e)}>
        <div role="row" aria-selected="true" className="event-row selected">
          <div data-column="time" />
          <div data-column="tenant" />
        </div>
      </div>
      <ValueMenu />
    </>,
  );
  grid = byTestId(view.container, 'grid')!;
  grid.focus();
});
afterEach(async () => view.unmount());

const items = () => [...view.container.querySelectorAll<HTMLElement>('[role="menuitem"]')];

describe('value menu by keyboard', () => {
  it('f opens the menu of the cell picked with →; arrows move through it; an item filters and focus returns', async () => {
    await press(grid, 'ArrowRight');
    expect(store.getState().activeColumn).toBe('tenant');
    await press(grid, 'f');
    expect(store.getState().pivot).toMatchObject({ field: 'tenant', value: 'Initech' });
    expect(items().map((i) => i.textContent)).toEqual(['Filter for this value', 'Filter out this value', 'Copy']);
    expect(document.activeElement).toBe(items()[0]);
    await press(document.activeElement!, 'ArrowDown');
    expect(document.activeElement).toBe(items()[1]);
    await press(document.activeElement!, 'ArrowUp');
    await press(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(items()[2]);
    await press(document.activeElement!, 'Home');
    await press(document.activeElement!, 'ArrowDown');
    await click(document.activeElement!);
    expect(store.getState().queryText).toBe('-tenant:"Initech"');
    expect(items()).toHaveLength(0);
    expect(document.activeElement).toBe(grid);
  });

  it('Shift+F10 on the time cell offers the five minutes around the event; Esc closes', async () => {
    await press(grid, 'ArrowRight');
    await press(grid, 'ArrowLeft');
    await press(grid, 'F10', { shiftKey: true });
    expect(items().map((i) => i.textContent)).toContain('± 5 minutes around this event');
    await press(document.activeElement!, 'Escape');
    expect(store.getState().pivot).toBeNull();
    expect(document.activeElement).toBe(grid);
  });

  it('with no row selected the key does nothing', async () => {
    store.setState({ selectedIndex: null });
    await press(grid, 'f');
    expect(store.getState().pivot).toBeNull();
  });
});
