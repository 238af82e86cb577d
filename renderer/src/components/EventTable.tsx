/**
 * The event list, newest first: windowed rows, keyboard selection, and the next page fetched
 * when the user nears the bottom.
 */
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EVENT_GRID_ID } from '../hooks/focusTargets.ts';
import { useAppStore } from '../state/store.ts';
import { ROW_HEIGHT } from '../table/columns.ts';
import { rowAt } from '../table/rowStore.ts';
import { EmptyState } from './EmptyState.tsx';
import { EventRowView } from './EventRowView.tsx';
import { EventTableHeader } from './EventTableHeader.tsx';
import { LoadingIndicator } from './LoadingIndicator.tsx';
import { LoadingMoreRow } from './LoadingMoreRow.tsx';
import { VirtualRows } from './VirtualRows.tsx';

/** Start fetching the next page this many rows before the end. */
const LOAD_AHEAD_ROWS = 100;
const PAGE_JUMP_ROWS = 20;

export function EventTable() {
  const { rows, hasMore, loadingMore, pageStatus, generation, selectedIndex, timeZone } = useAppStore(
    useShallow((s) => ({
      rows: s.rows,
      hasMore: s.next !== null,
      loadingMore: s.loadingMore,
      pageStatus: s.pageStatus,
      generation: s.generation,
      selectedIndex: s.selectedIndex,
      timeZone: s.timeZone,
    })),
  );
  const { select, moveSelection, openSelected, openDetail, loadMore } = useAppStore(
    useShallow((s) => ({ select: s.select, moveSelection: s.moveSelection, openSelected: s.openSelected, openDetail: s.openDetail, loadMore: s.loadMore })),
  );
  const [visibleEnd, setVisibleEnd] = useState(0);

  useEffect(() => {
    if (hasMore && !loadingMore && visibleEnd >= rows.length - LOAD_AHEAD_ROWS) void loadMore();
  }, [visibleEnd, rows.length, hasMore, loadingMore, loadMore]);

  const activate = useCallback(
    (index: number, id: number) => {
      select(index);
      void openDetail(id);
    },
    [select, openDetail],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: PAGE_JUMP_ROWS,
      PageUp: -PAGE_JUMP_ROWS,
      Home: -Infinity,
      End: Infinity,
    };
    const delta = moves[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      if (delta === -Infinity) select(0);
      else if (delta === Infinity) select(rows.length - 1);
      else moveSelection(delta);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      openSelected();
    }
  };

  const renderRow = (index: number, top: number) => {
    const row = rowAt(rows, index);
    if (!row) return <LoadingMoreRow key="loading-more" top={top} />;
    return (
      <EventRowView
        key={row.id}
        row={row}
        index={index}
        top={top}
        selected={index === selectedIndex}
        timeZone={timeZone}
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
      aria-rowcount={-1}
    >
      <EventTableHeader />
      <LoadingIndicator />
      <VirtualRows
        id={EVENT_GRID_ID}
        className="virtual-rows"
        tabIndex={0}
        role="rowgroup"
        rowCount={rows.length + (hasMore ? 1 : 0)}
        rowHeight={ROW_HEIGHT}
        revealIndex={selectedIndex}
        resetKey={generation}
        renderRow={renderRow}
        onVisibleEndChange={setVisibleEnd}
        onKeyDown={onKeyDown}
      />
      {pageStatus === 'ready' && rows.length === 0 && <EmptyState />}
    </section>
  );
}
