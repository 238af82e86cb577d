/** One connection: what it is, its actions (sync now, cancel, test, list tenants), and its tenants. */
import { useState } from 'react';
import type { Connection } from '../../../../common/contract.ts';
import { isActive, useSyncStore } from '../../state/syncSlice.ts';
import { TenantSyncRow } from './TenantSyncRow.tsx';

export function ConnectionCard({ connection, now }: { connection: Connection; now: number }) {
  const runs = useSyncStore((s) => s.runs);
  const startSync = useSyncStore((s) => s.startSync);
  const cancelSync = useSyncStore((s) => s.cancelSync);
  const testConnection = useSyncStore((s) => s.testConnection);
  const refreshTenants = useSyncStore((s) => s.refreshTenants);
  const [verdict, setVerdict] = useState<{ ok: boolean; message: string } | null>(null);
  const anyRunning = connection.tenants.some((t) => isActive(runs[t.tenantId]));
  return (
    <section className="connection-card" data-testid="connection-card" data-connection-id={connection.id}>
      <header>
        <h3>{connection.label}</h3>
        <span className="muted">
          {connection.kind} · {connection.baseUrl}
          {!connection.hasSecret && ' · no secret stored'}
        </span>
        <div className="actions">
          <button className="control primary" type="button" data-testid="sync-now" disabled={anyRunning} onClick={() => void startSync({ connectionId: connection.id })}>
            Sync now
          </button>
          <button className="control" type="button" data-testid="cancel-sync" disabled={!anyRunning} onClick={() => void cancelSync({ connectionId: connection.id })}>
            Cancel
          </button>
          <button className="control" type="button" onClick={() => void testConnection({ connectionId: connection.id }).then(setVerdict)}>
            Test
          </button>
          <button className="control" type="button" onClick={() => void refreshTenants(connection.id)}>
            List tenants
          </button>
        </div>
      </header>
      {verdict && (
        <p className={verdict.ok ? 'verdict ok' : 'verdict fail'} role="status">
          {verdict.ok ? 'Works: ' : 'Does not work: '}
          {verdict.message}
        </p>
      )}
      {connection.tenants.length === 0 ? (
        <p className="muted">No tenants listed yet: use "List tenants".</p>
      ) : (
        <table className="tenant-sync-table">
          <thead>
            <tr>
              <th>Tenant</th>
              <th>Groups</th>
              <th>Last sync</th>
              <th>Lag</th>
              <th>Interval</th>
              <th className="num">Events</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {connection.tenants.map((t) => (
              <TenantSyncRow key={t.tenantId} tenant={t} run={runs[t.tenantId]} now={now} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
