/**
 * Says what the app is still doing in the background: loading the demo data set on first start
 * (the window opens at once, the rows arrive as tenants load), and indexing full text behind
 * ingest (right after a large import a word search can miss the newest events for a while).
 * When the workspace holds more (or fewer) events than the tenant list says — the demo load
 * went on after the list was read — the tenant list and the table refresh by themselves.
 */
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../common/contract.ts';
import { api } from '../api/client.ts';
import { formatCount } from '../format/count.ts';
import { useAppStore } from '../state/store.ts';

const DEMO_POLL_MS = 400;
const INDEX_POLL_MS = 3_000;

type Info = CallOutput<'app.info'>;

/** Reloads the tenants, and the rows with them, when their event total is not the workspace's. */
async function refreshIfStale(eventCount: number): Promise<void> {
  const { tenants, loadTenants, refresh } = useAppStore.getState();
  const listed = tenants.reduce((n, t) => n + t.eventCount, 0);
  if (listed === eventCount) return;
  await loadTenants();
  await refresh();
}

export function BackgroundStatus() {
  const [info, setInfo] = useState<Info | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api['app.info']({});
        if (stopped) return;
        setInfo(next);
        const demoLoading = next.demoLoad?.state === 'loading';
        if (!demoLoading) await refreshIfStale(next.eventCount);
        if (stopped) return;
        if (demoLoading) timer = setTimeout(() => void poll(), DEMO_POLL_MS);
        else if (next.fullTextPending > 0) timer = setTimeout(() => void poll(), INDEX_POLL_MS);
      } catch {
        // Status only: a failed poll leaves the last figures and tries no more.
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const demo = info?.demoLoad;
  if (demo?.state === 'loading') {
    return (
      <span className="background-status" data-testid="demo-load-status" role="status">
        loading the demo workspace: {demo.tenantsDone} of {demo.tenantsTotal || '…'} tenants, {formatCount(demo.inserted)} events
      </span>
    );
  }
  if (demo?.state === 'failed') {
    return (
      <span className="background-status error" data-testid="demo-load-status" role="status">
        {demo.message}
      </span>
    );
  }
  if (!info || info.fullTextPending === 0) return null;
  return (
    <span className="background-status" data-testid="full-text-status" title="Column filters already cover every event">
      indexing full text: {formatCount(info.fullTextPending)} to go
    </span>
  );
}
