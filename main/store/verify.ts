/**
 * Recomputes every raw hash, every batch hash and every tenant's chain, re-derives the
 * normalised columns from raw with the normaliser that wrote them, and names the first thing
 * that does not match (docs/design.md §3 integrity, §8 evidence). Batches thinned by the retention
 * policy are checked for what remains: their events, and the chain through their stored hash.
 * The store may not import the importers, so the caller hands in the normalisers (`rederive`).
 */
import type { CallOutput } from '../../common/contract.ts';
import { EVENT_FIELD_KEYS, EVENT_FIELDS, EVENT_FIELD_COLUMNS } from '../../common/event-fields.ts';
import type { NormalizedEvent } from '../domain/event.ts';
import { ipToBin } from '../domain/ip.ts';
import { batchHash, chainLink, sha256Hex } from './hash.ts';
import type { ReadDb } from './open.ts';

type VerifyResult = Omit<CallOutput<'integrity.verify'>, 'tookMs'>;
type Break = NonNullable<VerifyResult['firstBreak']>;

/**
 * Re-derives one event from its raw text with the named normaliser ('okta@1'); null when this
 * build has no normaliser of that name and version. May throw when raw no longer parses.
 */
export type Rederive = (normalizer: string, raw: string) => NormalizedEvent | null;

/** What a caller without the importers passes: nothing can be re-derived, raw is still checked. */
export const RAW_ONLY: Rederive = () => null;

/** A bad request (no tenants, unknown tenants): said in a sentence, never ok with 0 checked. */
export class VerifyRequestError extends Error {
  override readonly name = 'VerifyRequestError';
}

interface BatchRow {
  id: number;
  event_count: number;
  purged: number;
  first_event: number;
  last_event: number;
  batch_hash: string;
  prev_chain: string | null;
  chain: string;
  normalizer: string | null;
}

/** An event as read for checking: these five, then ip_bin and the normalised columns when re-derived (raw mode, no objects). */
type EventRow = [id: number, tenantId: number, batchId: number, raw: string | null, rawSha256: string, ...derived: unknown[]];
const IP_BIN = 5;
const FIRST_FIELD = 6;

const shown = (value: unknown): string => {
  if (value === null || value === undefined) return 'empty';
  const text = String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
};

/** The first stored column that differs from the re-derived event, as a sentence; null when all agree. */
function columnMismatch(row: EventRow, derived: NormalizedEvent, normalizer: string): string | null {
  const id = row[0];
  for (let i = 0; i < EVENT_FIELD_KEYS.length; i++) {
    const key = EVENT_FIELD_KEYS[i]!;
    const stored = row[FIRST_FIELD + i];
    if (stored !== derived[key]) {
      return `event ${id}: its ${EVENT_FIELDS[key].column} is ${shown(stored)} but its raw text gives ${shown(derived[key])} (normaliser ${normalizer}); the stored column was changed after import`;
    }
  }
  const expectedBin = derived.ip ? ipToBin(derived.ip) : null;
  const storedBin = row[IP_BIN] as Buffer | null;
  if ((expectedBin === null) !== (storedBin === null) || (expectedBin && storedBin && !expectedBin.equals(storedBin))) {
    return `event ${id}: its ip_bin does not encode the ip its raw text gives (normaliser ${normalizer}); the stored column was changed after import`;
  }
  return null;
}

/** How far a verify has got, for a progress bar: batches and events done of those in scope. */
export interface VerifyProgress {
  batchesDone: number;
  batchesTotal: number;
  eventsDone: number;
  eventsTotal: number;
}

/** Progress reports (at most every REPORT_EVERY_MS) and a cancel check, between batches and every CHECK_EVERY_EVENTS events. */
export interface VerifyHooks {
  onProgress?: (progress: VerifyProgress) => void;
  /** Throws to stop the verify (a reader's cancel point, main/query/cancel-point.ts). */
  checkCancel?: () => void;
}

const REPORT_EVERY_MS = 100;
/** Events between two looks at cancel and progress inside a batch. */
const CHECK_EVERY_EVENTS = 256;

export function verifyWorkspace(db: ReadDb, tenantIds?: readonly number[], rederive: Rederive = RAW_ONLY, hooks: VerifyHooks = {}): VerifyResult {
  const tenants = db.prepare('SELECT id, chain_head FROM tenants ORDER BY id').all() as {
    id: number;
    chain_head: string | null;
  }[];
  if (tenantIds) {
    if (tenantIds.length === 0) throw new VerifyRequestError('Name at least one tenant to verify, or leave tenantIds out to verify them all.');
    const unknown = tenantIds.filter((id) => !tenants.some((t) => t.id === id));
    if (unknown.length > 0) throw new VerifyRequestError(`There is no tenant with id ${unknown.join(', ')} in this workspace.`);
  }
  const batchesOf = db.prepare(
    'SELECT id, event_count, purged, first_event, last_event, batch_hash, prev_chain, chain, normalizer FROM batches WHERE tenant_id = ? ORDER BY id',
  );
  // A batch's events are the id range it recorded: one writer gives each batch contiguous ids.
  // Raw-only batches read five columns; the others every column a normaliser derives.
  const rawOnlyEventsOf = db.prepare(
    'SELECT id, tenant_id, batch_id, raw, raw_sha256 FROM events WHERE id BETWEEN ? AND ? ORDER BY id',
  ).raw(true);
  const fullEventsOf = db.prepare(
    `SELECT id, tenant_id, batch_id, raw, raw_sha256, ip_bin, ${EVENT_FIELD_COLUMNS.join(', ')} FROM events WHERE id BETWEEN ? AND ? ORDER BY id`,
  ).raw(true);
  let eventsChecked = 0;
  let eventsNotRederived = 0;
  let batchesChecked = 0;
  const totals = hooks.onProgress ? scopeTotals(db, tenantIds) : { batches: 0, events: 0 };
  let lastReport = 0;
  const report = (force: boolean) => {
    if (!hooks.onProgress || (!force && performance.now() - lastReport < REPORT_EVERY_MS)) return;
    lastReport = performance.now();
    hooks.onProgress({ batchesDone: batchesChecked, batchesTotal: totals.batches, eventsDone: eventsChecked, eventsTotal: totals.events });
  };
  report(true);
  const done = (firstBreak: Break | null): VerifyResult => ({
    ok: firstBreak === null, eventsChecked, eventsNotRederived, batchesChecked, firstBreak,
  });

  for (const tenant of tenants) {
    if (tenantIds && !tenantIds.includes(tenant.id)) continue;
    const batchBreak = (batchId: number, detail: string): Break => ({
      tenantId: tenant.id, kind: 'batch', eventId: null, batchId, detail,
    });
    let previous: string | null = null;
    for (const batch of batchesOf.iterate(tenant.id) as IterableIterator<BatchRow>) {
      hooks.checkCancel?.();
      report(false);
      const hashes: string[] = [];
      const normalizer = batch.normalizer;
      const rederiving = normalizer !== null && rederive !== RAW_ONLY;
      const eventsOf = rederiving ? fullEventsOf : rawOnlyEventsOf;
      for (const e of eventsOf.iterate(batch.first_event, batch.last_event) as IterableIterator<EventRow>) {
        const [id, tenantId, batchId, raw, rawSha256] = e;
        eventsChecked++;
        // Batches can hold thousands of events: progress and cancel are looked at within them too.
        if (eventsChecked % CHECK_EVERY_EVENTS === 0) {
          hooks.checkCancel?.();
          report(false);
        }
        const eventBreak = (detail: string): Break => ({ tenantId: tenant.id, kind: 'event', eventId: id, batchId: batch.id, detail });
        if (batchId !== batch.id) {
          return done(eventBreak(`event ${id} lies in batch ${batch.id}'s id range but claims batch ${batchId}`));
        }
        if (tenantId !== tenant.id) {
          return done(eventBreak(`event ${id} sits in batch ${batch.id} of tenant ${tenant.id} but claims tenant ${tenantId}`));
        }
        // The events view gives null when the raw row alone was deleted.
        if (raw === null) return done(eventBreak(`event ${id}: its raw text is missing (deleted from event_raw)`));
        if (sha256Hex(raw) !== rawSha256) {
          return done(eventBreak(`event ${id}: its raw text no longer matches the sha256 recorded at ingest`));
        }
        hashes.push(rawSha256);
        let derived: NormalizedEvent | null = null;
        if (rederiving) {
          try {
            derived = rederive(normalizer, raw);
          } catch (error) {
            return done(eventBreak(`event ${id}: normaliser ${normalizer} can no longer read its raw text (${(error as Error).message})`));
          }
        }
        if (derived === null) {
          eventsNotRederived++;
          continue;
        }
        const mismatch = columnMismatch(e, derived, normalizer!);
        if (mismatch !== null) return done(eventBreak(mismatch));
      }
      batchesChecked++;
      const expected = batch.event_count - batch.purged;
      if (hashes.length !== expected) {
        return done(batchBreak(batch.id, `batch ${batch.id} should hold ${expected} events but holds ${hashes.length}`));
      }
      if (batch.purged === 0 && batchHash(hashes, normalizer) !== batch.batch_hash) {
        return done(batchBreak(batch.id, `batch ${batch.id}: its events' hashes and normaliser no longer add up to the batch hash`));
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
      `SELECT e.id, e.tenant_id, b.id AS claimed FROM event_rows e LEFT JOIN batches b ON b.id = e.batch_id
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
  report(true);
  return done(null);
}

/** The batches and the events they still hold in scope (a sum over batches, no scan of events). */
function scopeTotals(db: ReadDb, tenantIds?: readonly number[]): { batches: number; events: number } {
  const where = tenantIds ? `WHERE tenant_id IN (${tenantIds.map(() => '?').join(', ')})` : '';
  return db
    .prepare(`SELECT count(*) AS batches, coalesce(sum(event_count - purged), 0) AS events FROM batches ${where}`)
    .get(...(tenantIds ?? [])) as { batches: number; events: number };
}
