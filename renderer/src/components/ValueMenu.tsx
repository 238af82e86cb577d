/**
 * The menu a value opens (right-click, or Shift+F10 / the context key on a focused cell): filter
 * for, filter out, copy, and for a time ± 5 minutes. Esc or a click elsewhere closes it; its
 * first item takes focus so the keyboard can drive it (↑/↓, Home/End), and focus goes back to
 * where it was (the grid) when it closes.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store.ts';

/** Moves focus among the menu's items for an arrow, Home or End; false for any other key. */
function moveFocus(menu: HTMLElement | null, key: string): boolean {
  const items = [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  if (items.length === 0 || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(key)) return false;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = key === 'Home' ? 0 : key === 'End' ? items.length - 1 : (at + (key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
  items[next]?.focus();
  return true;
}

export function ValueMenu() {
  const { pivot, closePivot, addFilter, showAround } = useAppStore(
    useShallow((s) => ({ pivot: s.pivot, closePivot: s.closePivot, addFilter: s.addFilter, showAround: s.showAround })),
  );
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!pivot) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) closePivot();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closePivot();
      } else if (moveFocus(menu.current, e.key)) {
        e.preventDefault();
      }
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey, true);
      if (returnTo?.isConnected && !menu.current?.isConnected) returnTo.focus();
    };
  }, [pivot, closePivot]);

  if (!pivot) return null;
  const { field, value, ts } = pivot;
  const act = (work: () => void) => () => {
    closePivot();
    work();
  };
  return (
    <div ref={menu} className="value-menu" role="menu" data-testid="value-menu" style={{ left: pivot.x, top: pivot.y }}>
      {field && (
        <>
          <button type="button" role="menuitem" onClick={act(() => addFilter(field, value, false))}>Filter for this value</button>
          <button type="button" role="menuitem" onClick={act(() => addFilter(field, value, true))}>Filter out this value</button>
        </>
      )}
      {ts !== undefined && (
        <button type="button" role="menuitem" onClick={() => showAround(ts)}>± 5 minutes around this event</button>
      )}
      <button type="button" role="menuitem" onClick={act(() => void navigator.clipboard?.writeText(value ?? ''))}>Copy</button>
    </div>
  );
}
