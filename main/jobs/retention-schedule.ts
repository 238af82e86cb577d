/**
 * Runs the retention policy on a schedule (and on demand through `retention.run`): events older
 * than a tenant's retention days are purged, tenants under legal hold are never touched. The
 * purge itself runs in the store's writer worker, in bounded transactions.
 */
import type { StoreHost } from '../store-host/store-host.ts';

/** Every six hours: retention is counted in days, so a purge a few hours late changes nothing. */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface RetentionSchedule {
  /** Runs the policy now (queued behind earlier writes); resolves to what was purged. */
  runNow(): Promise<{ tenantId: number; purged: number }[]>;
  stop(): void;
}

export function scheduleRetention(
  store: StoreHost,
  opts: { intervalMs?: number; firstRunAfter?: Promise<unknown>; now?: () => number; log?: { error(message: string): void } } = {},
): RetentionSchedule {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? console;
  let stopped = false;
  const runNow = () => store.write('purgeExpired', { now: now() });
  const runQuietly = () => {
    if (stopped) return;
    runNow().catch((error: unknown) => {
      if (!stopped) log.error(`[trailkeeper] retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  // The first run waits for start-up work (the demo load) so it never competes with it.
  void (opts.firstRunAfter ?? Promise.resolve()).then(runQuietly);
  const timer = setInterval(runQuietly, opts.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return {
    runNow,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
