/**
 * The cells of one event row, for the columns the user chose (table/columnCatalog.ts), in their
 * order. The keyboard's cell in the selected row is marked, so `f` / Shift+F10 visibly opens the
 * menu of that value. Row colours for failures and security events live in EventCells.css.
 */
import type { EventRow } from '../../../common/contract.ts';
import type { TimeZoneMode } from '../format/time.ts';
import { columnById } from '../table/columnCatalog.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import './EventCells.css';

type Props = { row: EventRow; columns: readonly string[]; timeZone: TimeZoneMode; activeColumn: string | null };

function ActorCell({ row }: { row: EventRow }) {
  return (
    <>
      {row.actorName && <span className="actor-name">{row.actorName}</span>}
      {row.actorEmail && <span className="muted"> {row.actorEmail}</span>}
      {!row.actorName && !row.actorEmail && row.actorId && <span className="muted">{row.actorId}</span>}
    </>
  );
}

export function EventCells({ row, columns, timeZone, activeColumn }: Props) {
  return columns.map((id) => {
    const column = columnById(id);
    if (!column) return null;
    const text = column.text(row, timeZone);
    const title = id === 'time' ? row.tsRaw : text;
    const className = `cell cell-${id}${id === activeColumn ? ' cell-active' : ''}`;
    return (
      <div key={id} role="gridcell" className={className} title={title} data-pivot={id} data-column={id}>
        {id === 'actor' ? <ActorCell row={row} /> : id === 'outcome' ? <OutcomeBadge outcome={row.outcome} /> : text}
      </div>
    );
  });
}
