/**
 * Multi-select in the table: Ctrl/Cmd-click marks or unmarks a row, Shift-click marks the rows
 * from the last marked (or the selected) one. A plain click clears the marks and selects as before.
 */
import type { MouseEvent } from 'react';
import { useAppStore } from '../../state/store.ts';

/** True when the click was a marking click (the caller then does not activate the row). */
export function handleMarkClick(e: MouseEvent, index: number): boolean {
  const state = useAppStore.getState();
  if (e.ctrlKey || e.metaKey) {
    state.toggleMark(index);
    return true;
  }
  if (e.shiftKey) {
    // Shift-click selects text in the page by default; a range of rows is meant here.
    window.getSelection()?.removeAllRanges();
    state.markRange(index);
    return true;
  }
  if (state.marked.size > 0) state.clearMarks();
  return false;
}

export function useIsMarked(eventId: number): boolean {
  return useAppStore((s) => s.marked.has(eventId));
}
