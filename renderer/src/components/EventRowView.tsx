/** One event in the table. Positioned by the windowing; memoised since most renders are scrolls. */
import { memo } from 'react';
import type { EventRow } from '../../../common/contract.ts';
import { formatTs, type TimeZoneMode } from '../format/time.ts';
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
    >
      <div role="gridcell" className="cell cell-time" title={row.tsRaw}>{time}</div>
      <div role="gridcell" className="cell cell-tenant" title={row.tenantName}>{row.tenantName}</div>
      <div role="gridcell" className="cell cell-action" title={row.action}>{row.action}</div>
      <div role="gridcell" className="cell cell-actor" title={[row.actorName, row.actorEmail].filter(Boolean).join(' ')}>
        {row.actorName && <span className="actor-name">{row.actorName}</span>}
        {row.actorEmail && <span className="muted"> {row.actorEmail}</span>}
        {!row.actorName && !row.actorEmail && row.actorId && <span className="muted">{row.actorId}</span>}
      </div>
      <div role="gridcell" className="cell cell-target" title={target}>{target}</div>
      <div role="gridcell" className="cell cell-outcome"><OutcomeBadge outcome={row.outcome} /></div>
      <div role="gridcell" className="cell cell-ip">{row.ip ?? ''}</div>
    </div>
  );
});
