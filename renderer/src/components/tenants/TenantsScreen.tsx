/**
 * The Tenants screen, beside Connections (issue 9 items 5 and 8): every tenant with its
 * connection, groups, events, oldest and newest event, retention and legal hold, editable in
 * place; renaming a group; and integrity checks with their progress and verdict.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store.ts';
import { useSyncStore } from '../../state/syncSlice.ts';
import { useTenantAdmin } from '../../state/tenantAdmin.ts';
import { GROUPS_LIST_ID } from './GroupEditor.tsx';
import { GroupRename } from './GroupRename.tsx';
import { IntegrityPanel } from './IntegrityPanel.tsx';
import { RetentionConfirm } from './RetentionConfirm.tsx';
import { TenantRow } from './TenantRow.tsx';
import './tenants.css';

export function TenantsScreen() {
  const { tenants, groups, timeZone } = useAppStore(useShallow((s) => ({ tenants: s.tenants, groups: s.groups, timeZone: s.timeZone })));
  const { error, notice } = useTenantAdmin(useShallow((s) => ({ error: s.error, notice: s.notice })));
  const openScreen = useSyncStore((s) => s.openScreen);
  useEffect(() => {
    void useAppStore.getState().loadTenants();
  }, []);
  return (
    <main className="tenants-screen" data-testid="tenants-screen">
      <div className="tenants-head">
        <h2>Tenants</h2>
        <button className="link-button" type="button" onClick={() => openScreen('events')}>
          Back to the events
        </button>
      </div>
      {error && (
        <p className="tenants-error" role="alert" data-testid="tenants-error">
          {error}
        </p>
      )}
      {notice && !error && (
        <p className="muted" role="status" data-testid="tenants-notice">
          {notice}
        </p>
      )}
      <IntegrityPanel />
      <GroupRename />
      <datalist id={GROUPS_LIST_ID}>
        {groups.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      {tenants.length === 0 ? (
        <p className="muted">No tenants yet: add a connection, or import a file from the top bar.</p>
      ) : (
        <table className="tenants-table" data-testid="tenants-table">
          <thead>
            <tr>
              <th scope="col">Tenant</th>
              <th scope="col">Connection</th>
              <th scope="col">Groups</th>
              <th scope="col" className="num">Events</th>
              <th scope="col">Oldest</th>
              <th scope="col">Newest</th>
              <th scope="col">Retention</th>
              <th scope="col">Legal hold</th>
              <th scope="col">Integrity</th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((t) => (
              <TenantRow key={t.id} tenant={t} timeZone={timeZone} />
            ))}
          </tbody>
        </table>
      )}
      <RetentionConfirm />
    </main>
  );
}
