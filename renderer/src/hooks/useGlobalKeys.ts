/**
 * Shortcuts that work wherever focus is not taking text: `/` focuses the query box, Esc closes
 * the detail (or else clears the rows selected for a bulk tag), `s` stars or unstars the selected event, `x` selects or unselects it for a bulk
 * tag, and ↑/↓/Enter drive the table when nothing else has focus.
 */
import { useEffect } from 'react';
import { useAppStore } from '../state/store.ts';
import { EVENT_GRID_ID, focusById, QUERY_INPUT_ID } from './focusTargets.ts';

function takesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .monaco-editor') !== null;
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const state = useAppStore.getState();
  if (event.key === 'Escape') {
    if (state.detailOpen) {
      state.closeDetail();
      focusById(EVENT_GRID_ID);
    } else if (state.marked.size > 0) state.clearMarks();
    return;
  }
  if (takesText(event.target)) return;
  if (event.key === '/') {
    event.preventDefault();
    focusById(QUERY_INPUT_ID);
  } else if (event.key === 's' || event.key === 'S') {
    event.preventDefault();
    state.toggleStarSelected();
  } else if ((event.key === 'x' || event.key === 'X') && state.selectedIndex !== null) {
    event.preventDefault();
    state.toggleMark(state.selectedIndex);
  } else if (event.target === document.body && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    state.moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    focusById(EVENT_GRID_ID);
  }
}

export function useGlobalKeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
