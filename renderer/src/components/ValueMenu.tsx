/**
 * The menu a value opens (right-click, or Shift+F10 / the context key on a focused cell): filter
 * for, filter out, copy, and for a time ± 5 minutes. Esc or a click elsewhere closes it; its
 * first item takes focus so the keyboard can drive it.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store.ts';

export function ValueMenu() {
  const { pivot, closePivot, addFilter, showAround } = useAppStore(
    useShallow((s) => ({ pivot: s.pivot, closePivot: s.closePivot, addFilter: s.addFilter, showAround: s.showAround })),
  );
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!pivot) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) closePivot();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closePivot();
      }
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey, true);
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
