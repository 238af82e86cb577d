/**
 * One column heading: dragged onto another heading it moves there; its right edge is a handle
 * that resizes the column by dragging, or from the keyboard with ←/→ (Shift for bigger steps).
 * Both change the workspace's remembered layout (state/columnsSlice.ts).
 */
import { useRef, type DragEvent, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useAppStore } from '../state/store.ts';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../table/columnLayout.ts';
import './Columns.css';

/** Width assumed for a column that cannot be measured (not laid out yet). */
const FALLBACK_WIDTH = 120;
const KEY_STEP = 10;
const KEY_STEP_BIG = 50;

/** The heading being dragged: a drop on another heading moves it there. */
let dragged: string | null = null;

type Props = { id: string; label: string; ariaSort?: 'ascending' | 'descending'; children: ReactNode };

function currentWidth(id: string, cell: HTMLElement | null): number {
  const measured = cell?.getBoundingClientRect().width ?? 0;
  return measured > 0 ? measured : (useAppStore.getState().columnLayout.widths[id] ?? FALLBACK_WIDTH);
}

export function ColumnHeaderCell({ id, label, ariaSort, children }: Props) {
  const cell = useRef<HTMLDivElement>(null);
  const width = useAppStore((s) => s.columnLayout.widths[id]);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const { resizeColumn, moveColumnTo } = useAppStore.getState();

  const onDragStart = (e: DragEvent) => {
    dragged = id;
    e.dataTransfer?.setData('text/plain', id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  };
  const onDragOver = (e: DragEvent) => {
    if (dragged === null || dragged === id) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
  };
  const onDrop = (e: DragEvent) => {
    if (dragged === null) return;
    e.preventDefault();
    if (dragged !== id) moveColumnTo(dragged, id);
    dragged = null;
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { startX: e.clientX, startWidth: currentWidth(id, cell.current) };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) resizeColumn(id, drag.current.startWidth + e.clientX - drag.current.startX);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onHandleKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const step = (e.shiftKey ? KEY_STEP_BIG : KEY_STEP) * (e.key === 'ArrowLeft' ? -1 : 1);
    resizeColumn(id, currentWidth(id, cell.current) + step);
  };

  return (
    <div
      ref={cell}
      role="columnheader"
      className={`cell cell-${id} column-header`}
      data-column={id}
      aria-sort={ariaSort}
      draggable
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDragEnd={() => (dragged = null)}
    >
      <span className="column-label">{children}</span>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize the ${label} column`}
        aria-valuemin={MIN_COLUMN_WIDTH}
        aria-valuemax={MAX_COLUMN_WIDTH}
        aria-valuenow={width === undefined ? undefined : width}
        tabIndex={0}
        className="column-resize"
        data-testid={`resize-${id}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onHandleKey}
        // A handle is not a heading to drag.
        onDragStart={(e) => e.preventDefault()}
      />
    </div>
  );
}
