/**
 * One tenant's sync standing: last sync, lag, events, last error as a sentence, its group labels
 * (edited in place), and while a run goes a progress bar with the events added so far.
 */
import { useState } from 'react';
import type { SyncProgress, TenantSync } from '../../../../common/contract.ts';
import { formatCount } from '../../format/count.ts';
import { isActive, useSyncStore } from '../../state/syncSlice.ts';
import { formatAgo, formatDuration, formatPercent } from './formatSync.ts';

/** Interval choices (minutes); empty: only "Sync now". */
const INTERVALS: [string, number | null][] = [
  ['manual', null],
  ['every 15 min', 15],
  ['hourly', 60],
  ['every 6 h', 360],
  ['daily', 1440],
];

const parseGroups = (text: string) => text.split(',').map((g) => g.trim()).filter((g) => g !== '');

export function TenantSyncRow({ tenant, run, now }: { tenant: TenantSync; run: SyncProgress | undefined; now: number }) {
  const setGroups = useSyncStore((s) => s.setGroups);
  const setSyncInterval = useSyncStore((s) => s.setSyncInterval);
  const startSync = useSyncStore((s) => s.startSync);
  const cancelSync = useSyncStore((s) => s.cancelSync);
  const [groups, setGroupsText] = useState(tenant.groups.join(', '));
  const running = isActive(run);
  const commitGroups = () => {
    if (parseGroups(groups).join(',') !== tenant.groups.join(',')) void setGroups(tenant.tenantId, parseGroups(groups));
  };
  const error = run?.state === 'failed' ? run.error : tenant.lastError;
  return (
    <tr data-testid="tenant-sync-row" data-tenant-id={tenant.tenantId} data-state={run?.state ?? 'idle'}>
      <td>
        {tenant.name}
        {!tenant.remoteListed && <span className="muted"> (no longer listed remotely; events kept)</span>}
      </td>
      <td>
        <input
          className="control groups-input"
          aria-label={`Groups of ${tenant.name}`}
          value={groups}
          placeholder="group, group"
          onChange={(e) => setGroupsText(e.target.value)}
          onBlur={commitGroups}
          onKeyDown={(e) => e.key === 'Enter' && commitGroups()}
        />
      </td>
      <td title={tenant.lastSuccess ? new Date(tenant.lastSuccess).toISOString() : ''}>{formatAgo(tenant.lastSuccess, now)}</td>
      <td>{tenant.lagMs === null ? '' : formatDuration(tenant.lagMs)}</td>
      <td>
        <select
          className="control"
          aria-label={`Sync interval of ${tenant.name}`}
          value={String(tenant.intervalMin ?? '')}
          onChange={(e) => void setSyncInterval(tenant.tenantId, e.target.value === '' ? null : Number(e.target.value))}
        >
          {INTERVALS.map(([label, minutes]) => (
            <option key={label} value={minutes ?? ''}>
              {label}
            </option>
          ))}
          {tenant.intervalMin !== null && !INTERVALS.some(([, m]) => m === tenant.intervalMin) && (
            <option value={tenant.intervalMin}>every {tenant.intervalMin} min</option>
          )}
        </select>
      </td>
      <td className="num" data-testid="tenant-event-count">
        {formatCount(tenant.eventCount)}
      </td>
      <td className="sync-cell">
        {running && run && (
          <div className="sync-progress">
            <progress data-testid="sync-progress" max={1} value={run.fraction ?? undefined} aria-label={`Sync of ${tenant.name}`} />
            <span>
              {formatPercent(run.fraction)} · {formatCount(run.inserted)} new{run.note ? ` · ${run.note}` : ''}
            </span>
          </div>
        )}
        {!running && run?.state === 'ok' && <span className="ok">Added {formatCount(run.inserted)}</span>}
        {!running && run?.state === 'cancelled' && <span className="muted">Cancelled after {formatCount(run.inserted)}</span>}
        {!running && error && (
          <span className="sync-error" data-testid="tenant-error" role="alert">
            {error}
          </span>
        )}
        {tenant.derivedIds > 0 && <span className="muted"> {formatCount(tenant.derivedIds)} ids derived from the raw bytes (the source sent none)</span>}
      </td>
      <td>
        {running ? (
          <button className="control" type="button" onClick={() => void cancelSync({ tenantIds: [tenant.tenantId] })}>
            Cancel
          </button>
        ) : (
          <button className="control" type="button" onClick={() => void startSync({ tenantIds: [tenant.tenantId] })}>
            Sync
          </button>
        )}
      </td>
    </tr>
  );
}
