/**
 * Keys on the event grid for the cells of the selected row: ←/→ move between its cells, and `f`,
 * the context-menu key or Shift+F10 open the value menu (filter for/out, copy, ± 5 minutes) of
 * that cell, under it, as a right-click would. The menu itself is driven by arrows (ValueMenu).
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import { useAppStore } from '../state/store.ts';
import { rowAt } from '../table/blockCache.ts';
import { columnById } from '../table/columnCatalog.ts';

function opensMenu(e: KeyboardEvent): boolean {
  if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) return true;
  return (e.key === 'f' || e.key === 'F') && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
}

/** The cell the keyboard is on: the chosen one while it is shown, else the first column. */
export function effectiveColumn(visible: readonly string[], active: string | null): string | null {
  return active !== null && visible.includes(active) ? active : (visible[0] ?? null);
}

/** Handles the key if it is one of these; true when it did. */
export function handleCellKey(e: KeyboardEvent<HTMLElement>): boolean {
  const state = useAppStore.getState();
  if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !e.altKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    state.moveActiveColumn(e.key === 'ArrowLeft' ? -1 : 1);
    return true;
  }
  if (!opensMenu(e) || state.selectedIndex === null) return false;
  const row = rowAt(state.rows, state.selectedIndex);
  const columnId = effectiveColumn(state.columnLayout.visible, state.activeColumn);
  const pivot = row && columnId ? columnById(columnId)?.pivot(row) : undefined;
  if (!pivot) return false;
  e.preventDefault();
  // The selected row by its class: aria-selected also marks the rows picked for tagging.
  const cell = e.currentTarget.querySelector(`.event-row.selected [data-column="${CSS.escape(columnId!)}"]`) ?? e.currentTarget;
  const rect = cell.getBoundingClientRect();
  state.openPivot({ ...pivot, x: rect.left, y: rect.bottom });
  return true;
}

/** The context-menu key also fires a contextmenu on the grid itself: the value menu is already open, so not the browser's. */
export function onGridContextMenu(e: MouseEvent<HTMLElement>): void {
  if (e.target === e.currentTarget) e.preventDefault();
}
