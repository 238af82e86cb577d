/** One event in the table. Positioned by the windowing; memoised since most renders are scrolls. A right-click on a cell opens its value menu. */
import { memo, type MouseEvent } from 'react';
import type { EventRow } from '../../../common/contract.ts';
import type { TimeZoneMode } from '../format/time.ts';
import { useAppStore } from '../state/store.ts';
import { columnById } from '../table/columnCatalog.ts';
import { EventCells } from './EventCells.tsx';
import { StarToggle } from './annotations/StarToggle.tsx';
import { handleMarkClick, useIsMarked } from './annotations/rowMarks.ts';

type Props = {
  row: EventRow;
  index: number;
  top: number;
  selected: boolean;
  timeZone: TimeZoneMode;
  /** The shown columns, in order (state/columnsSlice.ts). */
  columns: readonly string[];
  /** The keyboard's cell, in the selected row only. */
  activeColumn: string | null;
  onActivate: (index: number, id: number) => void;
};

function openCellMenu(e: MouseEvent, row: EventRow): void {
  const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-pivot]');
  if (!cell) return;
  e.preventDefault();
  const pivot = columnById(cell.dataset.pivot ?? '')?.pivot(row);
  if (pivot) useAppStore.getState().openPivot({ ...pivot, x: e.clientX, y: e.clientY });
}

export const EventRowView = memo(function EventRowView({ row, index, top, selected, timeZone, columns, activeColumn, onActivate }: Props) {
  const marked = useIsMarked(row.id);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected || marked}
      className={`event-row outcome-${row.outcome} category-${row.category}${selected ? ' selected' : ''}${marked ? ' marked' : ''}`}
      data-testid="event-row"
      data-event-id={row.id}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(e) => handleMarkClick(e, index) || onActivate(index, row.id)}
      onContextMenu={(e) => openCellMenu(e, row)}
    >
      <StarToggle row={row} />
      <EventCells row={row} columns={columns} timeZone={timeZone} activeColumn={activeColumn} />
    </div>
  );
});
