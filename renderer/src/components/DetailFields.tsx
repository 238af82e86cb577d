/** The normalised fields of one event, as a dense definition list. */
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import type { EventDetail } from '../../../common/contract.ts';
import { formatTs, type TimeZoneMode } from '../format/time.ts';
import { useAppStore } from '../state/store.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';

type Props = { detail: EventDetail; timeZone: TimeZoneMode };

function joined(...parts: (string | null)[]): string | null {
  const present = parts.filter((p): p is string => p !== null && p !== '');
  return present.length > 0 ? present.join(' · ') : null;
}

export function DetailFields({ detail: d, timeZone }: Props) {
  const fields: [label: string, value: ReactNode][] = [
    ['Tenant', d.tenantName],
    ['Time', <><span className="mono">{formatTs(d.ts, timeZone)}</span> <span className="muted">raw: {d.tsRaw}</span></>],
    ['Action', <span className="mono">{d.action}</span>],
    ['Category', `${d.category} / ${d.activity}`],
    ['Outcome', <><OutcomeBadge outcome={d.outcome} />{d.severity && <span className="muted"> severity {d.severity}</span>}</>],
    ['Actor', joined(d.actorName, d.actorEmail, d.actorId, d.actorType, d.actorRole)],
    ['Target', joined(d.targetName, d.targetId, d.targetType)],
    ['IP', d.ip],
    ['User agent', d.userAgent],
    ['Geo', joined(d.geoCity, d.geoCountry)],
    ['Message', d.message],
    ['Source id', <span className="mono">{d.sourceId}</span>],
    ['SHA-256', <span className="mono">{d.rawSha256}</span>],
  ];
  // Right-click a value for its menu: filter for or out, copy, or (time) the minutes around it;
  // from the keyboard, Tab to the value and press Enter, Shift+F10 or the context-menu key.
  const pivots: Record<string, { field: string | null; value: string | null; ts?: number }> = {
    Tenant: { field: 'tenant', value: d.tenantName },
    Time: { field: null, value: d.tsRaw, ts: d.ts },
    Action: { field: 'action', value: d.action },
    Outcome: { field: 'outcome', value: d.outcome },
    Actor: d.actorEmail ? { field: 'actor_email', value: d.actorEmail } : { field: 'actor_name', value: d.actorName },
    Target: { field: 'target_name', value: d.targetName },
    IP: { field: 'ip', value: d.ip },
    'User agent': { field: 'user_agent', value: d.userAgent },
    'Source id': { field: 'source_id', value: d.sourceId },
  };
  const onMenu = (label: string) => (e: MouseEvent) => {
    const pivot = pivots[label];
    if (!pivot) return;
    e.preventDefault();
    // A keyboard-made contextmenu has no pointer position: open under the value.
    const rect = e.currentTarget.getBoundingClientRect();
    const fromKeys = e.clientX === 0 && e.clientY === 0;
    useAppStore.getState().openPivot({ ...pivot, x: fromKeys ? rect.left : e.clientX, y: fromKeys ? rect.bottom : e.clientY });
  };
  const onKey = (label: string) => (e: KeyboardEvent) => {
    const pivot = pivots[label];
    if (!pivot || !(e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return;
    e.preventDefault();
    const rect = e.currentTarget.getBoundingClientRect();
    useAppStore.getState().openPivot({ ...pivot, x: rect.left, y: rect.bottom });
  };
  return (
    <dl className="detail-fields" data-testid="detail-fields">
      {fields.map(([label, value]) => (
        <div key={label} className="detail-field">
          <dt>{label}</dt>
          <dd
            onContextMenu={onMenu(label)}
            onKeyDown={onKey(label)}
            tabIndex={pivots[label] ? 0 : undefined}
            data-pivot-label={pivots[label] ? label : undefined}
            title={pivots[label] ? 'Right-click, or Enter, for filter / copy' : undefined}
          >
            {value ?? <span className="muted">—</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
