/**
 * "Check integrity" over all tenants, a group or one tenant: a progress bar while verify runs
 * (Cancel stops it), then one line naming the first break or saying everything was checked.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store.ts';
import { useTenantAdmin, type IntegrityScope } from '../../state/tenantAdmin.ts';
import { integrityProgressText, integrityResultText } from './integrityText.ts';

const toValue = (s: IntegrityScope) => (s.kind === 'all' ? 'all' : s.kind === 'group' ? `group:${s.group}` : `tenant:${s.tenantId}`);
const fromValue = (v: string): IntegrityScope =>
  v.startsWith('group:') ? { kind: 'group', group: v.slice(6) } : v.startsWith('tenant:') ? { kind: 'tenant', tenantId: Number(v.slice(7)) } : { kind: 'all' };

export function IntegrityPanel() {
  const { tenants, groups } = useAppStore(useShallow((s) => ({ tenants: s.tenants, groups: s.groups })));
  const { job, start, cancel, showBreak } = useTenantAdmin(
    useShallow((s) => ({ job: s.integrity, start: s.startIntegrity, cancel: s.cancelIntegrity, showBreak: s.showBreak })),
  );
  const broken = job?.result?.firstBreak ?? null;
  const [scope, setScope] = useState<IntegrityScope>({ kind: 'all' });
  const running = job?.state === 'running';
  const result = job ? integrityResultText(job, tenants) : null;
  const fraction = job && job.eventsTotal > 0 ? job.eventsDone / job.eventsTotal : job && job.batchesTotal > 0 ? job.batchesDone / job.batchesTotal : 0;
  return (
    <section className="integrity-panel" aria-label="Integrity check">
      <label>
        Check
        <select className="control" aria-label="What to check" data-testid="integrity-scope" value={toValue(scope)} onChange={(e) => setScope(fromValue(e.target.value))}>
          <option value="all">All tenants</option>
          {groups.map((g) => (
            <option key={g} value={`group:${g}`}>Group: {g}</option>
          ))}
          {tenants.map((t) => (
            <option key={t.id} value={`tenant:${t.id}`}>{t.name}</option>
          ))}
        </select>
      </label>
      {running ? (
        <button type="button" className="control" data-testid="integrity-cancel" onClick={() => void cancel()}>
          Cancel check
        </button>
      ) : (
        <button type="button" className="control" data-testid="integrity-start" onClick={() => void start(scope)}>
          Check integrity
        </button>
      )}
      {running && job && (
        <div className="integrity-progress" role="status">
          <progress data-testid="integrity-progress" max={1} value={fraction} aria-label="Integrity check progress" />
          <span>{integrityProgressText(job)}</span>
        </div>
      )}
      {result && (
        <p className={job?.result?.ok ? 'integrity-result ok' : 'integrity-result fail'} data-testid="integrity-result" role={job?.result?.ok ? 'status' : 'alert'}>
          {result}
        </p>
      )}
      {broken && (
        <button type="button" className="control" data-testid="integrity-show-break" onClick={() => void showBreak()}>
          {broken.eventId !== null ? `Show event ${broken.eventId}` : 'Show the tenant’s events'}
        </button>
      )}
    </section>
  );
}
