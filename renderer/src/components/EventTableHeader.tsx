/** Column headings for the chosen columns; the grid template (EventTable's --event-columns) keeps them aligned with the rows. Time toggles the order. */
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useHeaderFollowsScroll } from '../hooks/useHeaderFollowsScroll.ts';
import { useAppStore } from '../state/store.ts';
import { columnById } from '../table/columnCatalog.ts';
import { ColumnHeaderCell } from './ColumnHeaderCell.tsx';

export function EventTableHeader() {
  const { order, setOrder, visible } = useAppStore(useShallow((s) => ({ order: s.order, setOrder: s.setOrder, visible: s.columnLayout.visible })));
  const header = useRef<HTMLDivElement>(null);
  useHeaderFollowsScroll(header);
  return (
    <div ref={header} className="event-header" role="row" aria-rowindex={1} data-testid="event-header">
      {visible.map((id) => {
        const label = columnById(id)?.label ?? id;
        return id === 'time' ? (
          <ColumnHeaderCell key={id} id={id} label={label} ariaSort={order === 'newest' ? 'descending' : 'ascending'}>
            <button
              type="button"
              className="sort-toggle"
              data-testid="sort-toggle"
              title={order === 'newest' ? 'Newest first: click for oldest first' : 'Oldest first: click for newest first'}
              onClick={() => setOrder(order === 'newest' ? 'oldest' : 'newest')}
            >
              {label} {order === 'newest' ? '↓' : '↑'}
            </button>
          </ColumnHeaderCell>
        ) : (
          <ColumnHeaderCell key={id} id={id} label={label}>
            {label}
          </ColumnHeaderCell>
        );
      })}
    </div>
  );
}
