/**
 * The event list: a toolbar ("1–40 of N", go to a time), the headings (Time toggles newest or
 * oldest first), and windowed rows over the whole result. Rows not loaded yet show as pending
 * and are fetched as blocks when they come into view; keys move the selection (Home and End to
 * either end of the whole result).
 */
import { useCallback, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EVENT_GRID_ID } from '../hooks/focusTargets.ts';
import { useAppStore } from '../state/store.ts';
import { rowAt } from '../table/blockCache.ts';
import { gridMinWidth, gridTemplate } from '../table/columnLayout.ts';
import { ROW_HEIGHT } from '../table/columns.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { EmptyState, LoadErrorState } from './EmptyState.tsx';
import { EventRowView } from './EventRowView.tsx';
import { EventTableHeader } from './EventTableHeader.tsx';
import { FilterChips } from './FilterChips.tsx';
import { GoToTime } from './GoToTime.tsx';
import { AnnotationActions } from './annotations/AnnotationActions.tsx';
import { effectiveColumn, handleCellKey, onGridContextMenu } from './gridCellKeys.ts';
import { Histogram } from './Histogram.tsx';
import { LoadingIndicator } from './LoadingIndicator.tsx';
import { NoMatchHint } from './NoMatchHint.tsx';
import { PendingRow } from './PendingRow.tsx';
import { RowPosition } from './RowPosition.tsx';
import { ScopePalette } from './ScopePalette.tsx';
import { ValueMenu } from './ValueMenu.tsx';
import { VirtualRows } from './VirtualRows.tsx';
import './EventTable.css';

export function EventTable() {
  const { rows, rowCount, pageStatus, generation, selectedIndex, revealSeq, timeZone } = useAppStore(
    useShallow((s) => ({
      rows: s.rows,
      rowCount: s.rowCount,
      pageStatus: s.pageStatus,
      generation: s.generation,
      selectedIndex: s.selectedIndex,
      revealSeq: s.revealSeq,
      timeZone: s.timeZone,
    })),
  );
  const { columnLayout, activeColumn } = useAppStore(useShallow((s) => ({ columnLayout: s.columnLayout, activeColumn: s.activeColumn })));
  const keyColumn = effectiveColumn(columnLayout.visible, activeColumn);
  const { select, moveSelection, openSelected, openDetail, ensureRows, setVisibleRows } = useAppStore(
    useShallow((s) => ({
      select: s.select,
      moveSelection: s.moveSelection,
      openSelected: s.openSelected,
      openDetail: s.openDetail,
      ensureRows: s.ensureRows,
      setVisibleRows: s.setVisibleRows,
    })),
  );
  const pageRows = useRef(20);

  const onWindowChange = useCallback(
    (first: number, end: number, visibleFirst: number, visibleEnd: number) => {
      pageRows.current = Math.max(1, visibleEnd - visibleFirst - 1);
      setVisibleRows(visibleFirst, visibleEnd);
      ensureRows(first, end);
    },
    [ensureRows, setVisibleRows],
  );

  const activate = useCallback(
    (index: number, id: number) => {
      select(index);
      // An open detail already follows the selection; open it only when it shows another event.
      if (useAppStore.getState().detailId !== id) void openDetail(id);
    },
    [select, openDetail],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (handleCellKey(e)) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows.current, PageUp: -pageRows.current };
    if (e.key in moves) {
      e.preventDefault();
      moveSelection(moves[e.key]!);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      select(e.key === 'Home' ? 0 : rowCount - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      openSelected();
    }
  };

  const renderRow = (index: number, top: number) => {
    const row = rowAt(rows, index);
    if (!row) return <PendingRow key={`pending-${index}`} index={index} top={top} selected={index === selectedIndex} />;
    return (
      <EventRowView
        key={row.id}
        row={row}
        index={index}
        top={top}
        selected={index === selectedIndex}
        timeZone={timeZone}
        columns={columnLayout.visible}
        activeColumn={index === selectedIndex ? keyColumn : null}
        onActivate={activate}
      />
    );
  };

  return (
    <section
      className="event-table"
      data-testid="event-table"
      data-time-zone={timeZone}
      role="grid"
      aria-label="Events"
      aria-rowcount={rowCount + 1}
      style={{ '--event-columns': gridTemplate(columnLayout), '--event-min-width': gridMinWidth(columnLayout) } as CSSProperties}
    >
      <Histogram />
      <div className="table-toolbar">
        <RowPosition />
        <FilterChips />
        <AnnotationActions />
        <GoToTime />
        <ColumnChooser />
      </div>
      <EventTableHeader />
      <LoadingIndicator />
      <VirtualRows
        id={EVENT_GRID_ID}
        className="virtual-rows"
        tabIndex={0}
        role="rowgroup"
        rowCount={rowCount}
        rowHeight={ROW_HEIGHT}
        reveal={selectedIndex === null ? null : { index: selectedIndex, seq: revealSeq }}
        resetKey={generation}
        renderRow={renderRow}
        onWindowChange={onWindowChange}
        onKeyDown={onKeyDown}
        onContextMenu={onGridContextMenu}
      />
      {pageStatus === 'ready' && rowCount === 0 && <EmptyState />}
      {pageStatus === 'ready' && rowCount === 0 && <NoMatchHint />}
      {pageStatus === 'error' && <LoadErrorState />}
      <ValueMenu />
      <ScopePalette />
    </section>
  );
}
