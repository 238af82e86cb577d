import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../main/domain/event.ts';
import { sha256Hex } from '../../../main/store/hash.ts';
import { closeWorkspace, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant, listTenants } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { FtsIndexer } from '../../../main/store/fts-indexer.ts';
import { makeEvents, prng, removeTempDirs, shuffled, tempWorkspacePath } from './fixtures.ts';

afterAll(removeTempDirs);

interface Setup {
  db: WriteDb;
  writer: EventWriter;
  tenants: [number, number];
}

function setup(path = ':memory:'): Setup {
  const db = openWorkspaceForWrite(path);
  const connectionId = ensureConnection(db, { kind: 'okta', label: 'Acme', baseUrl: 'https://acme.okta.test' });
  const a = ensureTenant(db, connectionId, { externalId: 'a', name: 'Tenant A', groups: ['eu'] });
  const b = ensureTenant(db, connectionId, { externalId: 'b', name: 'Tenant B', groups: [] });
  return { db, writer: new EventWriter(db), tenants: [a, b] };
}

const n = (db: WriteDb, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

interface BatchSpec {
  tenant: 0 | 1;
  events: NormalizedEvent[];
}

/**
 * Eight overlapping batches over two tenants: batches of the same tenant share events (a source
 * re-delivering a page), and both tenants use the same source ids for different events.
 */
function fixtureBatches(): BatchSpec[] {
  const poolA = makeEvents(11, 120, { prefix: 'evt' });
  const poolB = makeEvents(12, 80, { prefix: 'evt' }); // same source ids as A's first 80, other events
  return [
    { tenant: 0, events: poolA.slice(0, 40) },
    { tenant: 0, events: poolA.slice(30, 70) },
    { tenant: 0, events: poolA.slice(60, 100) },
    { tenant: 0, events: [...poolA.slice(95, 120), ...poolA.slice(0, 5)] },
    { tenant: 1, events: poolB.slice(0, 50) },
    { tenant: 1, events: poolB.slice(45, 80) },
    { tenant: 1, events: poolB.slice(10, 20) }, // all duplicates
    { tenant: 0, events: [poolA[3]!, poolA[3]!, ...poolA.slice(100, 104)] }, // repeats inside one batch
  ];
}

type Row = { tenant_id: number; source_id: string; raw_sha256: string };
const rowKey = (r: Row) => `${r.tenant_id}|${r.source_id}|${r.raw_sha256}`;

function storedRows(db: WriteDb): string[] {
  return (db.prepare('SELECT tenant_id, source_id, raw_sha256 FROM events').all() as Row[]).map(rowKey).sort();
}

/** Ingests `order` and checks every result against a plain JS model of "insert if new". */
function ingestInOrder(s: Setup, batches: BatchSpec[], order: number[]): { inserted: number; duplicates: number } {
  const seen = new Set<string>();
  let inserted = 0;
  let duplicates = 0;
  for (const i of order) {
    const batch = batches[i]!;
    const tenantId = s.tenants[batch.tenant];
    let expectNew = 0;
    for (const e of batch.events) {
      const key = `${tenantId}|${e.sourceId}`;
      if (!seen.has(key)) {
        seen.add(key);
        expectNew++;
      }
    }
    const result = s.writer.ingestBatch({ tenantId, events: batch.events });
    expect(result.inserted).toBe(expectNew);
    expect(result.duplicates).toBe(batch.events.length - expectNew);
    expect(result.batchId === null).toBe(expectNew === 0);
    inserted += result.inserted;
    duplicates += result.duplicates;
  }
  return { inserted, duplicates };
}

function expectedRows(s: Setup, batches: BatchSpec[]): string[] {
  const rows = new Map<string, string>();
  for (const batch of batches) {
    const tenantId = s.tenants[batch.tenant];
    for (const e of batch.events) {
      const key = `${tenantId}|${e.sourceId}`;
      if (!rows.has(key)) rows.set(key, `${key}|${sha256Hex(e.raw)}`);
    }
  }
  return [...rows.values()].sort();
}

function expectConsistent(s: Setup, expected: string[]): void {
  expect(storedRows(s.db)).toEqual(expected);
  expect(n(s.db, 'SELECT count(*) AS n FROM events')).toBe(expected.length);
  const { tenants } = listTenants(s.db);
  for (const t of tenants) {
    expect(t.eventCount, `event_count of tenant ${t.id}`).toBe(n(s.db, 'SELECT count(*) AS n FROM events WHERE tenant_id = ?', t.id));
  }
  // Full text trails ingest: once the indexer catches up, every stored event has one FTS row.
  new FtsIndexer(s.db).drain();
  expect(n(s.db, 'SELECT count(*) AS n FROM events_fts')).toBe(expected.length);
  const verdict = verifyWorkspace(s.db as unknown as ReadDb);
  expect(verdict.firstBreak).toBeNull();
  expect(verdict.ok).toBe(true);
  expect(verdict.eventsChecked).toBe(expected.length);
}

describe('EventWriter.ingestBatch', () => {
  it('the same batches ingested twice give the same rows, with the second pass all duplicates', () => {
    const s = setup();
    const batches = fixtureBatches();
    const expected = expectedRows(s, batches);
    const first = ingestInOrder(s, batches, batches.map((_, i) => i));
    expect(first.inserted).toBe(expected.length);
    expectConsistent(s, expected);
    const batchRows = n(s.db, 'SELECT count(*) AS n FROM batches');
    const heads = () => s.db.prepare('SELECT id, chain_head FROM tenants ORDER BY id').all();
    const chainBefore = heads();

    let dupes = 0;
    for (const batch of batches) {
      const result = s.writer.ingestBatch({ tenantId: s.tenants[batch.tenant], events: batch.events });
      expect(result).toMatchObject({ inserted: 0, duplicates: batch.events.length, batchId: null });
      dupes += result.duplicates;
    }
    expect(dupes).toBe(batches.reduce((sum, b) => sum + b.events.length, 0));
    expectConsistent(s, expected);
    // A pass of nothing but duplicates leaves no empty batches behind and does not move the chain.
    expect(n(s.db, 'SELECT count(*) AS n FROM batches')).toBe(batchRows);
    expect(heads()).toEqual(chainBefore);
    closeWorkspace(s.db);
  });

  it('any order with any re-sends gives the same rows, exact duplicate counts and a verifiable chain', () => {
    const batches = fixtureBatches();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(fc.integer({ min: 0, max: batches.length - 1 }), { maxLength: 8 }),
        (seed, resends) => {
          const s = setup();
          const rng = prng(seed);
          const order = shuffled(rng, [...batches.map((_, i) => i), ...resends]);
          const expected = expectedRows(s, batches);
          const total = ingestInOrder(s, batches, order);
          expect(total.inserted).toBe(expected.length);
          expect(total.inserted + total.duplicates).toBe(order.reduce((sum, i) => sum + batches[i]!.events.length, 0));
          expectConsistent(s, expected);
          s.db.close();
        },
      ),
      { numRuns: 40, seed: 20250101 },
    );
  });

  it('FTS rows exist exactly for the inserted events and a search finds the right one', () => {
    const s = setup();
    const events = makeEvents(21, 100, { prefix: 'fts' });
    const marked = { ...events[37]!, message: 'escalated by quetzalcoatl', raw: JSON.stringify({ id: 'fts-37', note: 'quetzalcoatl' }) };
    events[37] = marked;
    s.writer.ingestBatch({ tenantId: s.tenants[0], events: events.slice(0, 60) });
    s.writer.ingestBatch({ tenantId: s.tenants[0], events: events.slice(40) });
    expect(n(s.db, 'SELECT count(*) AS n FROM events_fts')).toBe(0); // ingest leaves full text to the indexer
    expect(new FtsIndexer(s.db).drain()).toBe(100);
    const ids = (s.db.prepare('SELECT id FROM events ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const ftsIds = (s.db.prepare('SELECT rowid AS id FROM events_fts ORDER BY rowid').all() as { id: number }[]).map((r) => r.id);
    expect(ids).toHaveLength(100);
    expect(ftsIds).toEqual(ids);
    const hits = s.db.prepare(`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH 'quetzalcoatl'`).all();
    const target = s.db.prepare(`SELECT id FROM events WHERE source_id = 'fts-37'`).get() as { id: number };
    expect(hits).toEqual([{ id: target.id }]);
    // Names people search for are in the document too.
    const alice = s.db.prepare(`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH '"alice@acme.test"'`).all();
    expect(alice.length).toBe(events.filter((e) => e.actorEmail === 'alice@acme.test').length);
    closeWorkspace(s.db);
  });

  it('a source id repeated inside one batch keeps the first event, and the FTS document is the stored one', () => {
    const s = setup();
    const [first] = makeEvents(31, 1, { prefix: 'rep' });
    const second = { ...first!, message: 'overwritten with zebrafish', raw: JSON.stringify({ id: 'rep-0', note: 'zebrafish' }), ts: first!.ts + 3_600_000 };
    const result = s.writer.ingestBatch({ tenantId: s.tenants[0], events: [first!, second] });
    expect(result).toMatchObject({ inserted: 1, duplicates: 1 });
    const stored = s.db.prepare('SELECT id, raw FROM events').get() as { id: number; raw: string };
    expect(stored.raw).toBe(first!.raw);
    new FtsIndexer(s.db).drain();
    expect(s.db.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH 'zebrafish'`).all()).toEqual([]);
    expect(s.db.prepare(`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH '"rep-0"'`).all()).toEqual([{ id: stored.id }]);
    expect(listTenants(s.db).tenants.find((t) => t.id === s.tenants[0])!.newestTs).toBe(first!.ts);
    closeWorkspace(s.db);
  });

  it('stores the batch row, the chain and the checkpoint together', () => {
    const s = setup(tempWorkspacePath());
    const events = makeEvents(41, 70, { prefix: 'cp' });
    const r1 = s.writer.ingestBatch({ tenantId: s.tenants[0], events: events.slice(0, 50), checkpoint: { cursor: 'page-1', highWater: 500 } });
    const batch = s.db.prepare('SELECT * FROM batches WHERE id = ?').get(r1.batchId) as Record<string, unknown>;
    const ids = (s.db.prepare('SELECT id FROM events WHERE batch_id = ? ORDER BY id').all(r1.batchId) as { id: number }[]).map((r) => r.id);
    expect(batch).toMatchObject({ tenant_id: s.tenants[0], event_count: 50, first_event: ids[0], last_event: ids.at(-1), chain: r1.chain, prev_chain: null, purged: 0 });
    expect(ids).toHaveLength(50);
    expect(s.db.prepare('SELECT chain_head FROM tenants WHERE id = ?').get(s.tenants[0])).toEqual({ chain_head: r1.chain });
    expect(s.db.prepare('SELECT cursor, high_water FROM checkpoints WHERE tenant_id = ?').get(s.tenants[0])).toEqual({ cursor: 'page-1', high_water: 500 });

    const r2 = s.writer.ingestBatch({ tenantId: s.tenants[0], events: events.slice(40), checkpoint: { cursor: 'page-2', highWater: 900 } });
    expect(r2).toMatchObject({ inserted: 20, duplicates: 10 });
    expect(s.db.prepare('SELECT prev_chain FROM batches WHERE id = ?').get(r2.batchId)).toEqual({ prev_chain: r1.chain });
    expect(s.db.prepare('SELECT cursor, high_water FROM checkpoints WHERE tenant_id = ?').get(s.tenants[0])).toEqual({ cursor: 'page-2', high_water: 900 });

    // A batch of nothing new still advances the cursor; the high-water mark never goes back.
    const r3 = s.writer.ingestBatch({ tenantId: s.tenants[0], events: events.slice(0, 10), checkpoint: { cursor: 'page-3', highWater: 100 } });
    expect(r3).toEqual({ inserted: 0, duplicates: 10, batchId: null, chain: r2.chain });
    expect(s.db.prepare('SELECT cursor, high_water FROM checkpoints WHERE tenant_id = ?').get(s.tenants[0])).toEqual({ cursor: 'page-3', high_water: 900 });
    // The other tenant has no checkpoint.
    expect(s.db.prepare('SELECT count(*) AS n FROM checkpoints WHERE tenant_id = ?').get(s.tenants[1])).toEqual({ n: 0 });
    closeWorkspace(s.db);
  });

  it('a checkpoint without a high-water mark keeps the stored one; an empty batch still saves its cursor', () => {
    const s = setup();
    const events = makeEvents(45, 10, { prefix: 'hw' });
    s.writer.ingestBatch({ tenantId: s.tenants[0], events: events.slice(0, 5), checkpoint: { cursor: 'a', highWater: 500 } });
    s.writer.ingestBatch({ tenantId: s.tenants[0], events: events.slice(5), checkpoint: { cursor: 'b', highWater: null } });
    expect(s.db.prepare('SELECT cursor, high_water FROM checkpoints').get()).toEqual({ cursor: 'b', high_water: 500 });
    const empty = s.writer.ingestBatch({ tenantId: s.tenants[0], events: [], checkpoint: { cursor: 'c', highWater: null } });
    expect(empty).toMatchObject({ inserted: 0, duplicates: 0, batchId: null });
    expect(s.db.prepare('SELECT cursor, high_water FROM checkpoints').get()).toEqual({ cursor: 'c', high_water: 500 });
    expect(n(s.db, 'SELECT count(*) AS n FROM batches')).toBe(2);
    // A cursor-only source never has a high-water mark.
    s.writer.ingestBatch({ tenantId: s.tenants[1], events: [], checkpoint: { cursor: 'x', highWater: null } });
    expect(s.db.prepare('SELECT cursor, high_water FROM checkpoints WHERE tenant_id = ?').get(s.tenants[1])).toEqual({ cursor: 'x', high_water: null });
    s.db.close();
  });

  it('a batch that throws midway leaves nothing: no events, no FTS rows, no batch row, checkpoint and chain unchanged', () => {
    const s = setup(tempWorkspacePath());
    const good = makeEvents(51, 40, { prefix: 'ok' });
    const r1 = s.writer.ingestBatch({ tenantId: s.tenants[0], events: good, checkpoint: { cursor: 'before', highWater: 1 } });
    const snapshot = () => ({
      events: n(s.db, 'SELECT count(*) AS n FROM events'),
      fts: n(s.db, 'SELECT count(*) AS n FROM events_fts'),
      batches: s.db.prepare('SELECT * FROM batches ORDER BY id').all(),
      checkpoint: s.db.prepare('SELECT cursor, high_water FROM checkpoints').all(),
      tenants: s.db.prepare('SELECT * FROM tenants ORDER BY id').all(),
    });
    const before = snapshot();
    expect(before.events).toBe(40);

    // 70 events: the first 32-row statement is inserted before the 41st event (raw forced to null) fails.
    const bad = makeEvents(52, 70, { prefix: 'bad' });
    bad[40] = { ...bad[40]!, raw: null as unknown as string };
    expect(() => s.writer.ingestBatch({ tenantId: s.tenants[0], events: bad, checkpoint: { cursor: 'after', highWater: 2 } })).toThrow();
    expect(snapshot()).toEqual(before);
    expect(n(s.db, `SELECT count(*) AS n FROM events WHERE source_id LIKE 'bad-%'`)).toBe(0);

    // The writer is still usable and the chain continues from the last good batch.
    const r2 = s.writer.ingestBatch({ tenantId: s.tenants[0], events: bad.filter((_, i) => i !== 40), checkpoint: { cursor: 'after', highWater: 2 } });
    expect(r2.inserted).toBe(69);
    expect(s.db.prepare('SELECT prev_chain FROM batches WHERE id = ?').get(r2.batchId)).toEqual({ prev_chain: r1.chain });
    expect(verifyWorkspace(s.db as unknown as ReadDb).ok).toBe(true);
    closeWorkspace(s.db);
  });

  it('refuses a batch for a tenant that does not exist, writing nothing', () => {
    const s = setup();
    expect(() => s.writer.ingestBatch({ tenantId: 999, events: makeEvents(61, 3) })).toThrow(/Tenant 999 does not exist/);
    expect(n(s.db, 'SELECT count(*) AS n FROM events')).toBe(0);
    expect(n(s.db, 'SELECT count(*) AS n FROM batches')).toBe(0);
    s.db.close();
  });
});

describe('an in-memory workspace (tests)', () => {
  it('leaves no file named ":memory:" behind', () => {
    const cwdFile = join(process.cwd(), ':memory:');
    rmSync(cwdFile, { force: true });
    const s = setup();
    closeWorkspace(s.db);
    expect(existsSync(cwdFile)).toBe(false);
  });
});
