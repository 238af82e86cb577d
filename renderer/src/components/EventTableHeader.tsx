/** Column headings; the grid template in styles.css keeps them aligned with the rows. Time toggles the order. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store.ts';
import { EVENT_COLUMNS } from '../table/columns.ts';

export function EventTableHeader() {
  const { order, setOrder } = useAppStore(useShallow((s) => ({ order: s.order, setOrder: s.setOrder })));
  return (
    <div className="event-header" role="row" aria-rowindex={1}>
      {EVENT_COLUMNS.map((c) =>
        c.id === 'time' ? (
          <div key={c.id} role="columnheader" className={`cell cell-${c.id}`} aria-sort={order === 'newest' ? 'descending' : 'ascending'}>
            <button
              type="button"
              className="sort-toggle"
              data-testid="sort-toggle"
              title={order === 'newest' ? 'Newest first: click for oldest first' : 'Oldest first: click for newest first'}
              onClick={() => setOrder(order === 'newest' ? 'oldest' : 'newest')}
            >
              {c.label} {order === 'newest' ? '↓' : '↑'}
            </button>
          </div>
        ) : (
          <div key={c.id} role="columnheader" className={`cell cell-${c.id}`}>
            {c.label}
          </div>
        ),
      )}
    </div>
  );
}
