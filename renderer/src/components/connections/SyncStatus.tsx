/**
 * The top bar's sync status, and the way to the Connections screen: "Syncing 2 · 45%" while runs
 * go, "1 tenant failing" when a last run failed, else when the last sync finished. It starts the
 * page's one progress subscription.
 */
import { useEffect } from 'react';
import { formatPercent } from './formatSync.ts';
import { isActive, startSyncFeed, useSyncStore } from '../../state/syncSlice.ts';

export function SyncStatus() {
  const runs = useSyncStore((s) => s.runs);
  const connections = useSyncStore((s) => s.connections);
  const screen = useSyncStore((s) => s.screen);
  const openScreen = useSyncStore((s) => s.openScreen);
  useEffect(() => {
    const stop = startSyncFeed();
    // The standing from earlier sessions (a last error stays until a run succeeds).
    void useSyncStore.getState().load();
    return stop;
  }, []);

  const all = Object.values(runs);
  const active = all.filter(isActive);
  const tenants = connections.flatMap((c) => c.tenants);
  const failed = tenants.filter((t) => (runs[t.tenantId] ? runs[t.tenantId]!.state === 'failed' : t.lastError !== null));
  const fractions = active.map((r) => r.fraction ?? 0);
  const overall = fractions.length ? fractions.reduce((a, b) => a + b, 0) / fractions.length : null;
  let label = 'Connections';
  let tone = '';
  if (active.length) {
    label = `Syncing ${active.length} · ${formatPercent(overall)}`;
    tone = 'busy';
  } else if (failed.length) {
    label = `Sync: ${failed.length} failing`;
    tone = 'error';
  }
  const onConnections = screen === 'connections';
  return (
    <button
      type="button"
      className={`control sync-status ${tone}`}
      data-testid="sync-status"
      aria-pressed={onConnections}
      title={onConnections ? 'Back to the events' : 'Connections and sync'}
      onClick={() => openScreen(onConnections ? 'events' : 'connections')}
    >
      {label}
    </button>
  );
}
