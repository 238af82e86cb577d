/** The normalised fields of one event, as a dense definition list. */
import type { ReactNode } from 'react';
import type { EventDetail } from '../../../common/contract.ts';
import { formatTs, type TimeZoneMode } from '../format/time.ts';
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
  return (
    <dl className="detail-fields" data-testid="detail-fields">
      {fields.map(([label, value]) => (
        <div key={label} className="detail-field">
          <dt>{label}</dt>
          <dd>{value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
