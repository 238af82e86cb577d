/**
 * Retention: removes events older than a tenant's retention days. A tenant under legal hold is
 * never touched. Batches remember how many of their events were purged so verify still holds;
 * the daily rollups and the tenant's counters (event_count, newest_ts) go down in the same
 * transaction as the rows.
 */
import { retentionCutoff } from '../domain/retention-cutoff.ts';
import type { ReadDb, WriteDb } from './open.ts';
import { RollupDelta, RollupWriter, type RolledEvent } from './rollups.ts';

const CHUNK = 5_000;

export interface PurgeResult {
  tenantId: number;
  purged: number;
}

/**
 * How many events a retention of `days` would remove from the tenant now: what purgeExpired
 * removes with the same cutoff (0 under legal hold). A count over the (tenant_id, ts) index.
 */
export function countExpired(db: ReadDb, tenantId: number, cutoff: number): number {
  const tenant = db.prepare('SELECT legal_hold FROM tenants WHERE id = ?').get(tenantId) as { legal_hold: number } | undefined;
  if (!tenant || tenant.legal_hold === 1) return 0;
  return (db.prepare('SELECT count(*) AS n FROM event_rows WHERE tenant_id = ? AND ts < ?').get(tenantId, cutoff) as { n: number }).n;
}

/**
 * Purges every tenant's expired events, or with `only` just that tenant's; `only.cutoff` (the
 * time a preview counted with) purges no further than the policy allows, so a confirmed purge
 * removes what the preview counted.
 */
export function purgeExpired(db: WriteDb, now: number, only?: { tenantId: number; cutoff?: number }): PurgeResult[] {
  const tenants = (
    db
      .prepare('SELECT id, retention_days FROM tenants WHERE retention_days IS NOT NULL AND legal_hold = 0')
      .all() as { id: number; retention_days: number }[]
  ).filter((t) => !only || t.id === only.tenantId);
  const pick = db.prepare(
    'SELECT id, batch_id, ts, action, outcome, category FROM event_rows WHERE tenant_id = ? AND ts < ? LIMIT ?',
  );
  const deleteEvent = db.prepare('DELETE FROM event_rows WHERE id = ?');
  const deleteFts = db.prepare('DELETE FROM events_fts WHERE rowid = ?');
  const countPurged = db.prepare('UPDATE batches SET purged = purged + ? WHERE id = ?');
  const lowerCount = db.prepare(
    'UPDATE tenants SET event_count = event_count - ?, newest_ts = (SELECT max(ts) FROM event_rows WHERE tenant_id = ?) WHERE id = ?',
  );
  const rollups = new RollupWriter(db);
  // Legal hold is re-read inside each transaction, so a hold set mid-purge stops it.
  const onHold = db.prepare('SELECT legal_hold FROM tenants WHERE id = ?');

  const results: PurgeResult[] = [];
  for (const tenant of tenants) {
    const policy = retentionCutoff(now, tenant.retention_days);
    const cutoff = only?.cutoff === undefined ? policy : Math.min(only.cutoff, policy);
    let purged = 0;
    for (;;) {
      const removed = db.transaction(() => {
        if ((onHold.get(tenant.id) as { legal_hold: number }).legal_hold === 1) return 0;
        const rows = pick.all(tenant.id, cutoff, CHUNK) as ({ id: number; batch_id: number } & RolledEvent)[];
        const perBatch = new Map<number, number>();
        const rollup = new RollupDelta();
        for (const row of rows) {
          deleteFts.run(row.id);
          deleteEvent.run(row.id);
          perBatch.set(row.batch_id, (perBatch.get(row.batch_id) ?? 0) + 1);
          rollup.add(row);
        }
        for (const [batchId, n] of perBatch) countPurged.run(n, batchId);
        rollups.subtract(tenant.id, rollup);
        if (rows.length) lowerCount.run(rows.length, tenant.id, tenant.id);
        return rows.length;
      }).immediate();
      purged += removed;
      if (removed < CHUNK) break;
    }
    results.push({ tenantId: tenant.id, purged });
  }
  return results;
}
