/** One tenant on the Tenants screen: where it comes from, its groups, events and span, retention, legal hold, and a check. */
import type { Tenant } from '../../../../common/contract.ts';
import { formatCount } from '../../format/count.ts';
import type { TimeZoneMode } from '../../format/time.ts';
import { useTenantAdmin } from '../../state/tenantAdmin.ts';
import { GroupEditor } from './GroupEditor.tsx';
import { RetentionEditor } from './RetentionEditor.tsx';
import { shortTime } from './shortTime.ts';

export function TenantRow({ tenant, timeZone }: { tenant: Tenant; timeZone: TimeZoneMode }) {
  const setLegalHold = useTenantAdmin((s) => s.setLegalHold);
  const startIntegrity = useTenantAdmin((s) => s.startIntegrity);
  const checking = useTenantAdmin((s) => s.integrity?.state === 'running');
  return (
    <tr data-testid="tenant-row" data-tenant-id={tenant.id}>
      <th scope="row">{tenant.name}</th>
      <td>
        {tenant.connectionLabel} <span className="muted">({tenant.sourceKind})</span>
      </td>
      <td>
        <GroupEditor tenant={tenant} />
      </td>
      <td className="num" data-testid="tenant-event-count" data-count={tenant.eventCount}>
        {formatCount(tenant.eventCount)}
      </td>
      <td className="time">{shortTime(tenant.oldestTs, timeZone)}</td>
      <td className="time">{shortTime(tenant.newestTs, timeZone)}</td>
      <td>
        <RetentionEditor tenant={tenant} />
      </td>
      <td>
        <label className="hold-toggle">
          <input
            type="checkbox"
            data-testid="legal-hold"
            aria-label={`Legal hold on ${tenant.name}`}
            checked={tenant.legalHold}
            onChange={(e) => void setLegalHold(tenant.id, e.target.checked)}
          />
          <span>{tenant.legalHold ? 'on hold' : 'off'}</span>
        </label>
      </td>
      <td>
        <button type="button" className="control" disabled={checking} aria-label={`Check the integrity of ${tenant.name}`} onClick={() => void startIntegrity({ kind: 'tenant', tenantId: tenant.id })}>
          Check
        </button>
      </td>
    </tr>
  );
}
