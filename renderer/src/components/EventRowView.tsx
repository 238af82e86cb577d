/** One event in the table. Positioned by the windowing; memoised since most renders are scrolls. A right-click on a cell opens its value menu. */
import { memo, type MouseEvent } from 'react';
import type { EventRow } from '../../../common/contract.ts';
import { formatTs, type TimeZoneMode } from '../format/time.ts';
import { useAppStore } from '../state/store.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';

type Props = {
  row: EventRow;
  index: number;
  top: number;
  selected: boolean;
  timeZone: TimeZoneMode;
  onActivate: (index: number, id: number) => void;
};

function targetText(row: EventRow): string {
  const name = row.targetName ?? row.targetId ?? '';
  return row.targetType && name ? `${row.targetType}: ${name}` : name || row.targetType || '';
}

/** The query field and value behind each cell, for the value menu. */
function cellValue(cell: string, row: EventRow): { field: string | null; value: string | null; ts?: number } {
  switch (cell) {
    case 'time': return { field: null, value: row.tsRaw, ts: row.ts };
    case 'tenant': return { field: 'tenant', value: row.tenantName };
    case 'action': return { field: 'action', value: row.action };
    case 'actor': return row.actorEmail ? { field: 'actor_email', value: row.actorEmail } : { field: 'actor_name', value: row.actorName };
    case 'target': return { field: 'target_name', value: row.targetName };
    case 'outcome': return { field: 'outcome', value: row.outcome };
    default: return { field: 'ip', value: row.ip };
  }
}

function openCellMenu(e: MouseEvent, row: EventRow): void {
  const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-pivot]');
  if (!cell) return;
  e.preventDefault();
  useAppStore.getState().openPivot({ ...cellValue(cell.dataset.pivot ?? '', row), x: e.clientX, y: e.clientY });
}

export const EventRowView = memo(function EventRowView({ row, index, top, selected, timeZone, onActivate }: Props) {
  const time = formatTs(row.ts, timeZone);
  const target = targetText(row);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`event-row outcome-${row.outcome} category-${row.category}${selected ? ' selected' : ''}`}
      data-testid="event-row"
      data-event-id={row.id}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onActivate(index, row.id)}
      onContextMenu={(e) => openCellMenu(e, row)}
    >
      <div role="gridcell" className="cell cell-time" title={row.tsRaw} data-pivot="time">{time}</div>
      <div role="gridcell" className="cell cell-tenant" title={row.tenantName} data-pivot="tenant">{row.tenantName}</div>
      <div role="gridcell" className="cell cell-action" title={row.action} data-pivot="action">{row.action}</div>
      <div role="gridcell" className="cell cell-actor" title={[row.actorName, row.actorEmail].filter(Boolean).join(' ')} data-pivot="actor">
        {row.actorName && <span className="actor-name">{row.actorName}</span>}
        {row.actorEmail && <span className="muted"> {row.actorEmail}</span>}
        {!row.actorName && !row.actorEmail && row.actorId && <span className="muted">{row.actorId}</span>}
      </div>
      <div role="gridcell" className="cell cell-target" title={target} data-pivot="target">{target}</div>
      <div role="gridcell" className="cell cell-outcome" data-pivot="outcome"><OutcomeBadge outcome={row.outcome} /></div>
      <div role="gridcell" className="cell cell-ip" data-pivot="ip">{row.ip ?? ''}</div>
    </div>
  );
});
