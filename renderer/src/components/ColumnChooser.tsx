/**
 * "Columns" in the table's toolbar: which columns show (every normalised field can), in which
 * order, and "Reset columns". A checkbox shows or hides a column; ← and → beside it, or Alt+←/→
 * (Alt+↑/↓) on the checkbox, move it. Esc or a click outside closes the list. The layout is the
 * workspace's (state/columnsSlice.ts), so a reload shows the same columns.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store.ts';
import { COLUMN_CATALOG, columnById } from '../table/columnCatalog.ts';
import './Columns.css';

const MOVE_KEYS: Record<string, number> = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 };

export function ColumnChooser() {
  // The toolbar clips what overflows it, so the panel is fixed to the window, under the button.
  const [open, setOpen] = useState<{ top: number; right: number } | null>(null);
  const { visible, toggleColumn, moveColumn, resetColumns } = useAppStore(
    useShallow((s) => ({ visible: s.columnLayout.visible, toggleColumn: s.toggleColumn, moveColumn: s.moveColumn, resetColumns: s.resetColumns })),
  );
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  /** The control to focus again after a move re-orders the list (a moved node loses focus). */
  const [refocus, setRefocus] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('input')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);

  useEffect(() => {
    if (refocus === null) return;
    panel.current?.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(refocus)}"]`)?.focus();
    setRefocus(null);
  }, [refocus, visible]);

  const move = (id: string, delta: number, focusKey: string) => {
    moveColumn(id, delta);
    setRefocus(focusKey);
  };
  const onCheckboxKey = (id: string) => (e: KeyboardEvent<HTMLInputElement>) => {
    const delta = MOVE_KEYS[e.key];
    if (!e.altKey || delta === undefined || !visible.includes(id)) return;
    e.preventDefault();
    move(id, delta, `check-${id}`);
  };
  const onPanelKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    setOpen(null);
    button.current?.focus();
  };

  const hidden = COLUMN_CATALOG.filter((c) => !visible.includes(c.id)).map((c) => c.id);
  return (
    <div className="column-chooser">
      <button
        ref={button}
        type="button"
        className="control"
        data-testid="column-chooser-toggle"
        aria-expanded={open !== null}
        aria-controls="column-chooser"
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setOpen(open ? null : { top: r.bottom + 4, right: Math.max(0, window.innerWidth - r.right) });
        }}
      >
        Columns
      </button>
      {open && (
        <div ref={panel} id="column-chooser" className="column-chooser-panel" style={open} role="dialog" aria-label="Columns" data-testid="column-chooser" onKeyDown={onPanelKey}>
          <p className="muted column-chooser-hint">Alt+←/→ on a shown column moves it.</p>
          <ul>
            {[...visible, ...hidden].map((id, at) => {
              const label = columnById(id)?.label ?? id;
              const shown = at < visible.length;
              return (
                <li key={id} data-testid="column-option" data-column={id} className={shown ? 'shown' : undefined}>
                  <label>
                    <input
                      type="checkbox"
                      checked={shown}
                      disabled={shown && visible.length === 1}
                      data-focus-key={`check-${id}`}
                      onChange={() => toggleColumn(id)}
                      onKeyDown={onCheckboxKey(id)}
                    />
                    {label}
                  </label>
                  {shown && (
                    <span className="column-moves">
                      <button type="button" aria-label={`Move ${label} left`} data-focus-key={`left-${id}`} disabled={at === 0} onClick={() => move(id, -1, `left-${id}`)}>
                        ←
                      </button>
                      <button type="button" aria-label={`Move ${label} right`} data-focus-key={`right-${id}`} disabled={at === visible.length - 1} onClick={() => move(id, 1, `right-${id}`)}>
                        →
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <button type="button" className="control" data-testid="reset-columns" onClick={resetColumns}>
            Reset columns
          </button>
        </div>
      )}
    </div>
  );
}
