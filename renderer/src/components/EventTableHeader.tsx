/** Column headings; the grid template in styles.css keeps them aligned with the rows. */
import { EVENT_COLUMNS } from '../table/columns.ts';

export function EventTableHeader() {
  return (
    <div className="event-header" role="row" aria-rowindex={1}>
      {EVENT_COLUMNS.map((c) => (
        <div key={c.id} role="columnheader" className={`cell cell-${c.id}`}>
          {c.label}
        </div>
      ))}
    </div>
  );
}
