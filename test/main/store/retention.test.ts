import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../main/domain/event.ts';
import { closeWorkspace, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { purgeExpired } from '../../../main/store/retention.ts';
import { ensureConnection, ensureTenant, listTenants, setLegalHold, setRetention } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { FtsIndexer } from '../../../main/store/fts-indexer.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { chunk, makeEvents, prng, removeTempDirs, shuffled, tempWorkspacePath } from './fixtures.ts';

afterAll(removeTempDirs);

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const CUTOFF = NOW - 30 * DAY;

/**
 * Events of one tenant: `old` strictly before the cutoff (the newest exactly 1 ms before it), one
 * exactly at the cutoff, and `fresh` after it, shuffled so that batches mix old and new.
 */
function eventsFor(seed: number, prefix: string, old: number, fresh: number): NormalizedEvent[] {
  const rng = prng(seed);
  const base = makeEvents(seed, old + 1 + fresh, { prefix });
  const withTs = base.map((e, i) => {
    let ts: number;
    if (i < old) ts = i === 0 ? CUTOFF - 1 : CUTOFF - 1 - Math.floor(rng() * 200 * DAY);
    else if (i === old) ts = CUTOFF;
    else ts = CUTOFF + 1 + Math.floor(rng() * 29 * DAY);
    const word = i < old ? `oldword${prefix}` : `keepword${prefix}`;
    return { ...e, ts, tsRaw: new Date(ts).toISOString(), message: `${e.message} ${word}`, raw: JSON.stringify({ id: e.sourceId, ts, word }) };
  });
  return shuffled(rng, withTs);
}

const A_OLD = 5_123; // more than one purge chunk (5,000)
const A_FRESH = 300;
const B_OLD = 400;
const C_OLD = 250;

let db: WriteDb;
let a: number;
let b: number;
let c: number;
const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
const ftsHits = (word: string) => count(`SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?`, word);

beforeAll(() => {
  db = openWorkspaceForWrite(tempWorkspacePath());
  const conn = ensureConnection(db, { kind: 'm365', label: 'MSP', baseUrl: null });
  a = ensureTenant(db, conn, { externalId: 'a', name: 'A', groups: [], retentionDays: 30 });
  b = ensureTenant(db, conn, { externalId: 'b', name: 'B', groups: [] });
  c = ensureTenant(db, conn, { externalId: 'c', name: 'C', groups: [] });
  setRetention(db, b, 30);
  setLegalHold(db, b, true);
  const writer = new EventWriter(db);
  for (const [tenantId, events] of [
    [a, eventsFor(1, 'a', A_OLD, A_FRESH)],
    [b, eventsFor(2, 'b', B_OLD, 100)],
    [c, eventsFor(3, 'c', C_OLD, 100)],
  ] as const) {
    for (const part of chunk(events, 250)) writer.ingestBatch({ tenantId, events: part });
  }
  new FtsIndexer(db).drain();
});

afterAll(() => closeWorkspace(db));

describe('purgeExpired', () => {
  it('removes exactly tenant A’s events older than 30 days and nothing of B (legal hold) or C (no retention)', () => {
    expect(verifyWorkspace(db as unknown as ReadDb).ok).toBe(true);
    const before = {
      b: count('SELECT count(*) AS n FROM events WHERE tenant_id = ?', b),
      c: count('SELECT count(*) AS n FROM events WHERE tenant_id = ?', c),
    };
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ?', a)).toBe(A_OLD + 1 + A_FRESH);
    expect(ftsHits('oldworda')).toBe(A_OLD);

    const results = purgeExpired(db, NOW);
    expect(results).toEqual([{ tenantId: a, purged: A_OLD }]);

    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ?', a)).toBe(1 + A_FRESH);
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ? AND ts < ?', a, CUTOFF)).toBe(0);
    // The boundary: an event exactly at the cutoff is kept.
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ? AND ts = ?', a, CUTOFF)).toBe(1);
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ?', b)).toBe(before.b);
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ?', c)).toBe(before.c);
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ? AND ts < ?', b, CUTOFF)).toBe(B_OLD);
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ? AND ts < ?', c, CUTOFF)).toBe(C_OLD);
  });

  it('removed the FTS rows of purged events and only those', () => {
    expect(ftsHits('oldworda')).toBe(0);
    expect(ftsHits('keepworda')).toBe(1 + A_FRESH);
    expect(ftsHits('oldwordb')).toBe(B_OLD);
    expect(ftsHits('oldwordc')).toBe(C_OLD);
    expect(count('SELECT count(*) AS n FROM events_fts')).toBe(count('SELECT count(*) AS n FROM events'));
    expect(count('SELECT count(*) AS n FROM events_fts WHERE rowid NOT IN (SELECT id FROM events)')).toBe(0);
  });

  it('updated the tenants’ event counts and the batches’ purged counts', () => {
    const { tenants } = listTenants(db);
    for (const t of tenants) {
      expect(t.eventCount, t.name).toBe(count('SELECT count(*) AS n FROM events WHERE tenant_id = ?', t.id));
    }
    expect(count('SELECT coalesce(sum(purged), 0) AS n FROM batches WHERE tenant_id = ?', a)).toBe(A_OLD);
    expect(count('SELECT coalesce(sum(purged), 0) AS n FROM batches WHERE tenant_id <> ?', a)).toBe(0);
    // Each batch's purged + remaining = its event_count.
    const mismatched = count(
      `SELECT count(*) AS n FROM batches b
       WHERE b.event_count - b.purged <> (SELECT count(*) FROM events e WHERE e.batch_id = b.id)`,
    );
    expect(mismatched).toBe(0);
  });

  it('leaves a workspace that still verifies', () => {
    const result = verifyWorkspace(db as unknown as ReadDb);
    expect(result.firstBreak).toBeNull();
    expect(result.eventsChecked).toBe(count('SELECT count(*) AS n FROM events'));
  });

  it('is a no-op when run again at the same time', () => {
    expect(purgeExpired(db, NOW)).toEqual([{ tenantId: a, purged: 0 }]);
  });

  it('purges B once its legal hold is lifted', () => {
    setLegalHold(db, b, false);
    expect(purgeExpired(db, NOW)).toEqual([
      { tenantId: a, purged: 0 },
      { tenantId: b, purged: B_OLD },
    ]);
    expect(count('SELECT count(*) AS n FROM events WHERE tenant_id = ? AND ts < ?', b, CUTOFF)).toBe(0);
    expect(verifyWorkspace(db as unknown as ReadDb).ok).toBe(true);
    expect(ftsHits('oldwordb')).toBe(0);
  });
});

describe('ids after a purge of the newest rows', () => {
  it('are never reused, so full text and verify stay right for what is ingested next', () => {
    const ws = openWorkspaceForWrite(tempWorkspacePath('reuse.trailkeeper'));
    const conn = ensureConnection(ws, { kind: 'okta', label: 'reuse', baseUrl: null });
    const tenant = ensureTenant(ws, conn, { externalId: 'r', name: 'R', groups: [], retentionDays: 30 });
    const writer = new EventWriter(ws);
    const indexer = new FtsIndexer(ws);
    // An old file imported last: its events hold the highest ids, and retention removes them.
    const old = makeEvents(71, 20, { prefix: 'old' }).map((e) => ({ ...e, ts: CUTOFF - DAY }));
    writer.ingestBatch({ tenantId: tenant, events: makeEvents(72, 10, { prefix: 'fresh' }).map((e) => ({ ...e, ts: NOW - DAY })) });
    writer.ingestBatch({ tenantId: tenant, events: old });
    indexer.drain();
    expect(purgeExpired(ws, NOW)).toEqual([{ tenantId: tenant, purged: 20 }]);

    const later = makeEvents(73, 5, { prefix: 'later' }).map((e, i) =>
      i === 0 ? { ...e, ts: NOW, message: 'marker axolotl', raw: JSON.stringify({ id: e.sourceId, note: 'axolotl' }) } : { ...e, ts: NOW },
    );
    writer.ingestBatch({ tenantId: tenant, events: later });
    expect(indexer.drain()).toBe(5);
    const hit = ws.prepare(`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH 'axolotl'`).all();
    expect(hit).toEqual([ws.prepare('SELECT id FROM events WHERE source_id = ?').get(later[0]!.sourceId)]);
    expect(verifyWorkspace(ws as unknown as ReadDb)).toMatchObject({ ok: true, firstBreak: null });
    closeWorkspace(ws);
  });
});
