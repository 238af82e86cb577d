/**
 * Recomputes every raw hash, every batch hash and every tenant's chain, and names the first
 * thing that does not match (DESIGN §3, integrity). Batches thinned by the retention policy
 * are checked for what remains: their events' hashes, and the chain through their stored hash.
 */
import type { CallOutput } from '../../common/contract.ts';
import { batchHash, chainLink, sha256Hex } from './hash.ts';
import type { ReadDb } from './open.ts';

type VerifyResult = Omit<CallOutput<'integrity.verify'>, 'tookMs'>;
type Break = NonNullable<VerifyResult['firstBreak']>;

interface BatchRow {
  id: number;
  event_count: number;
  purged: number;
  first_event: number;
  last_event: number;
  batch_hash: string;
  prev_chain: string | null;
  chain: string;
}

export function verifyWorkspace(db: ReadDb, tenantIds?: readonly number[]): VerifyResult {
  const tenants = db.prepare('SELECT id, chain_head FROM tenants ORDER BY id').all() as {
    id: number;
    chain_head: string | null;
  }[];
  const batchesOf = db.prepare(
    'SELECT id, event_count, purged, first_event, last_event, batch_hash, prev_chain, chain FROM batches WHERE tenant_id = ? ORDER BY id',
  );
  // A batch's events are the id range it recorded: one writer gives each batch contiguous ids.
  const eventsOf = db.prepare(
    'SELECT id, tenant_id, batch_id, raw, raw_sha256 FROM events WHERE id BETWEEN ? AND ? ORDER BY id',
  );
  let eventsChecked = 0;
  let batchesChecked = 0;
  const done = (firstBreak: Break | null): VerifyResult => ({ ok: firstBreak === null, eventsChecked, batchesChecked, firstBreak });

  for (const tenant of tenants) {
    if (tenantIds && !tenantIds.includes(tenant.id)) continue;
    const batchBreak = (batchId: number, detail: string): Break => ({
      tenantId: tenant.id, kind: 'batch', eventId: null, batchId, detail,
    });
    let previous: string | null = null;
    for (const batch of batchesOf.iterate(tenant.id) as IterableIterator<BatchRow>) {
      const hashes: string[] = [];
      for (const e of eventsOf.iterate(batch.first_event, batch.last_event) as IterableIterator<{
        id: number; tenant_id: number; batch_id: number; raw: string; raw_sha256: string;
      }>) {
        eventsChecked++;
        if (e.batch_id !== batch.id) {
          return done({ tenantId: tenant.id, kind: 'event', eventId: e.id, batchId: batch.id,
            detail: `event ${e.id} lies in batch ${batch.id}'s id range but claims batch ${e.batch_id}` });
        }
        if (e.tenant_id !== tenant.id) {
          return done({ tenantId: tenant.id, kind: 'event', eventId: e.id, batchId: batch.id,
            detail: `event ${e.id} sits in batch ${batch.id} of tenant ${tenant.id} but claims tenant ${e.tenant_id}` });
        }
        if (sha256Hex(e.raw) !== e.raw_sha256) {
          return done({ tenantId: tenant.id, kind: 'event', eventId: e.id, batchId: batch.id,
            detail: `event ${e.id}: its raw text no longer matches the sha256 recorded at ingest` });
        }
        hashes.push(e.raw_sha256);
      }
      batchesChecked++;
      const expected = batch.event_count - batch.purged;
      if (hashes.length !== expected) {
        return done(batchBreak(batch.id, `batch ${batch.id} should hold ${expected} events but holds ${hashes.length}`));
      }
      if (batch.purged === 0 && batchHash(hashes) !== batch.batch_hash) {
        return done(batchBreak(batch.id, `batch ${batch.id}: its events' hashes no longer add up to the batch hash`));
      }
      if (batch.prev_chain !== previous || chainLink(previous, batch.batch_hash) !== batch.chain) {
        return done(batchBreak(batch.id, `batch ${batch.id}: the hash chain breaks here`));
      }
      previous = batch.chain;
    }
    if (previous !== tenant.chain_head) {
      return done({ tenantId: tenant.id, kind: 'batch', eventId: null, batchId: null,
        detail: `tenant ${tenant.id}: its recorded chain head does not match the last batch` });
    }
  }
  // The first stray of a tenant being verified (another tenant's stray must not hide it).
  let stray: { id: number; tenant_id: number; claimed: number | null } | undefined;
  for (const row of db
    .prepare(
      `SELECT e.id, e.tenant_id, b.id AS claimed FROM events e LEFT JOIN batches b ON b.id = e.batch_id
       WHERE b.id IS NULL OR e.id NOT BETWEEN b.first_event AND b.last_event ORDER BY e.id`,
    )
    .iterate() as IterableIterator<{ id: number; tenant_id: number; claimed: number | null }>) {
    if (!tenantIds || tenantIds.includes(row.tenant_id)) {
      stray = row;
      break;
    }
  }
  if (stray?.claimed) {
    return done({ tenantId: stray.tenant_id, kind: 'batch', eventId: stray.id, batchId: stray.claimed,
      detail: `event ${stray.id} claims batch ${stray.claimed} but lies outside its id range (added outside Trailkeeper)` });
  }
  if (stray) {
    return done({ tenantId: stray.tenant_id, kind: 'event', eventId: stray.id, batchId: null,
      detail: `event ${stray.id} belongs to no recorded batch (added outside Trailkeeper)` });
  }
  return done(null);
}
