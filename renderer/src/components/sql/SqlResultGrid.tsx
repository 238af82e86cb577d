/**
 * The console's results in a virtualised grid (VirtualRows: only the rows in view are in the DOM,
 * so ten thousand rows scroll as smoothly as ten). A number in an `id` or `event_id` column is
 * a link that opens that event in the inspector.
 */
import { useCallback, type CSSProperties } from 'react';
import type { SqlResult } from '../../../../common/contract.ts';
import { VirtualRows } from '../VirtualRows.tsx';
import './SqlResultGrid.css';

export const SQL_ROW_HEIGHT = 24;
const EVENT_COLUMNS = new Set(['id', 'event_id']);

function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function SqlResultGrid({ result, onOpenEvent }: { result: SqlResult; onOpenEvent: (id: number) => void }) {
  const { columns, rows } = result;
  const template: CSSProperties = { gridTemplateColumns: `repeat(${Math.max(columns.length, 1)}, minmax(8rem, 1fr))` };
  const renderRow = useCallback(
    (index: number, top: number) => (
      <div key={index} className="sql-row" role="row" data-testid="sql-row" aria-rowindex={index + 2} style={{ ...template, transform: `translateY(${top}px)` }}>
        {rows[index]!.map((v, c) => (
          <div key={c} className="sql-cell" role="gridcell" title={cellText(v)}>
            {EVENT_COLUMNS.has(columns[c] ?? '') && typeof v === 'number' ? (
              <button type="button" className="link" data-testid="sql-event" onClick={() => onOpenEvent(v)}>#{v}</button>
            ) : v === null ? (
              <span className="muted">NULL</span>
            ) : (
              cellText(v)
            )}
          </div>
        ))}
      </div>
    ),
    [rows, columns, onOpenEvent, template.gridTemplateColumns],
  );
  return (
    <div className="sql-results sql-grid" role="grid" aria-rowcount={rows.length + 1} data-testid="sql-results" style={{ '--sql-grid-width': `${Math.max(columns.length, 1) * 8}rem` } as CSSProperties}>
      <div className="sql-row sql-header" role="row" style={template}>
        {columns.map((c, i) => <div key={i} className="sql-cell" role="columnheader" title={c}>{c}</div>)}
      </div>
      <VirtualRows className="sql-rows" rowCount={rows.length} rowHeight={SQL_ROW_HEIGHT} reveal={null} resetKey={result} renderRow={renderRow} />
    </div>
  );
}
