import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/store/hash.ts';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { chunk, makeEvents, removeTempDirs, tempDir } from './fixtures.ts';

afterAll(removeTempDirs);

let template: string;
let tenantA: number;
let tenantB: number;
const BATCHES_A = 5;
const BATCHES_B = 3;
const PER_BATCH = 40;

beforeAll(() => {
  template = join(tempDir(), 'template.trailkeeper');
  const db = openWorkspaceForWrite(template);
  const c = ensureConnection(db, { kind: 'github', label: 'GH', baseUrl: null });
  tenantA = ensureTenant(db, c, { externalId: 'a', name: 'A', groups: [] });
  tenantB = ensureTenant(db, c, { externalId: 'b', name: 'B', groups: [] });
  const writer = new EventWriter(db);
  // Interleave the tenants so batch ids of one tenant are not contiguous.
  const a = chunk(makeEvents(1, BATCHES_A * PER_BATCH, { prefix: 'a' }), PER_BATCH);
  const b = chunk(makeEvents(2, BATCHES_B * PER_BATCH, { prefix: 'b' }), PER_BATCH);
  for (let i = 0; i < BATCHES_A; i++) {
    writer.ingestBatch({ tenantId: tenantA, events: a[i]! });
    if (b[i]) writer.ingestBatch({ tenantId: tenantB, events: b[i]! });
  }
  closeWorkspace(db);
});

/** A copy of the template, tampered with through a plain connection that knows nothing of Trailkeeper. */
function tampered(edit: (db: Database.Database) => void): string {
  const path = join(tempDir(), 'ws.trailkeeper');
  copyFileSync(template, path);
  const plain = new Database(path);
  edit(plain);
  plain.close();
  return path;
}

function verify(path: string, tenantIds?: number[]) {
  const db = openWorkspaceForRead(path);
  try {
    return verifyWorkspace(db, tenantIds);
  } finally {
    db.close();
  }
}

/** The n-th batch (0-based, by id) of a tenant, and one event in the middle of it. */
function target(db: Database.Database, tenantId: number, nth: number): { batchId: number; eventId: number } {
  const batchId = (db.prepare('SELECT id FROM batches WHERE tenant_id = ? ORDER BY id LIMIT 1 OFFSET ?').get(tenantId, nth) as { id: number }).id;
  const eventId = (db.prepare('SELECT id FROM events WHERE batch_id = ? ORDER BY id LIMIT 1 OFFSET 17').get(batchId) as { id: number }).id;
  return { batchId, eventId };
}

/** An event written behind the writer's back: its row and its raw text, as a forger would. */
function plant(db: Database.Database, tenantId: number, sourceId: string, raw: string, batchId: number): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO event_rows (tenant_id, source_id, ts, ts_raw, category, action, activity, outcome, raw_sha256, batch_id)
         VALUES (?, ?, 1, '1', 'auth', 'login', 'login', 'success', ?, ?)`,
      )
      .run(tenantId, sourceId, sha256Hex(raw), batchId).lastInsertRowid,
  );
  db.prepare('INSERT INTO event_raw (id, raw) VALUES (?, ?)').run(id, raw);
  return id;
}

describe('verifyWorkspace', () => {
  it('passes a clean workspace with exact counts', () => {
    const result = verify(template);
    expect(result).toEqual({
      ok: true,
      eventsChecked: (BATCHES_A + BATCHES_B) * PER_BATCH,
      // Written without a normaliser name: checked for raw text only, and counted as such.
      eventsNotRederived: (BATCHES_A + BATCHES_B) * PER_BATCH,
      batchesChecked: BATCHES_A + BATCHES_B,
      firstBreak: null,
    });
    expect(verify(template, [tenantB])).toMatchObject({ ok: true, eventsChecked: BATCHES_B * PER_BATCH, batchesChecked: BATCHES_B });
  });

  it('(a) an event whose raw text changed is named', () => {
    let t!: { batchId: number; eventId: number };
    const path = tampered((db) => {
      t = target(db, tenantA, 2);
      db.prepare(`UPDATE event_raw SET raw = replace(raw, '"ip"', '"IP"') WHERE id = ?`).run(t.eventId);
      expect(db.prepare('SELECT changes() AS n').get()).toEqual({ n: 1 });
    });
    const result = verify(path);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ tenantId: tenantA, kind: 'event', eventId: t.eventId, batchId: t.batchId });
    expect(result.firstBreak!.detail).toContain(String(t.eventId));
  });

  it('(b) raw and raw_sha256 changed together: the batch hash names its batch', () => {
    let t!: { batchId: number; eventId: number };
    const path = tampered((db) => {
      t = target(db, tenantB, 1);
      const forged = JSON.stringify({ forged: true });
      db.prepare('UPDATE event_raw SET raw = ? WHERE id = ?').run(forged, t.eventId);
      db.prepare('UPDATE event_rows SET raw_sha256 = ? WHERE id = ?').run(sha256Hex(forged), t.eventId);
    });
    const result = verify(path);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ tenantId: tenantB, kind: 'batch', eventId: null, batchId: t.batchId });
    // Tenant A is untouched and still verifies on its own.
    expect(verify(path, [tenantA]).ok).toBe(true);
  });

  it('(c) a deleted event names its batch', () => {
    let t!: { batchId: number; eventId: number };
    const path = tampered((db) => {
      t = target(db, tenantA, 3);
      db.prepare('DELETE FROM event_rows WHERE id = ?').run(t.eventId);
      // The raw text goes with its row (a cascading foreign key).
      expect(db.prepare('SELECT count(*) AS n FROM event_raw WHERE id = ?').get(t.eventId)).toEqual({ n: 0 });
    });
    const result = verify(path);
    expect(result.firstBreak).toMatchObject({ tenantId: tenantA, kind: 'batch', batchId: t.batchId });
    expect(result.firstBreak!.detail).toMatch(/should hold 40 events but holds 39/);
  });

  it('(c2) an event whose raw text was deleted, its row kept, is named', () => {
    let t!: { batchId: number; eventId: number };
    const path = tampered((db) => {
      t = target(db, tenantB, 2);
      db.prepare('DELETE FROM event_raw WHERE id = ?').run(t.eventId);
    });
    const result = verify(path);
    expect(result.firstBreak).toMatchObject({ tenantId: tenantB, kind: 'event', eventId: t.eventId, batchId: t.batchId });
    expect(result.firstBreak!.detail).toMatch(/raw text is missing/);
  });

  it('(d) a foreign event with a made-up batch id is named', () => {
    let foreignId = 0;
    const path = tampered((db) => {
      const raw = JSON.stringify({ planted: true });
      foreignId = plant(db, tenantB, 'planted', raw, 987654);
    });
    const result = verify(path);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ tenantId: tenantB, kind: 'event', eventId: foreignId, batchId: null });
    expect(verify(path, [tenantA]).ok).toBe(true);
  });

  it('(d3) verifying one tenant finds its foreign event even when another tenant has one with a lower id', () => {
    const ids: number[] = [];
    const path = tampered((db) => {
      ids.push(plant(db, tenantB, 'planted-b', '{}', 987654));
      ids.push(plant(db, tenantA, 'planted-a', '{}', 987654));
    });
    expect(verify(path, [tenantA]).firstBreak).toMatchObject({ tenantId: tenantA, kind: 'event', eventId: ids[1] });
    expect(verify(path, [tenantB]).firstBreak).toMatchObject({ tenantId: tenantB, kind: 'event', eventId: ids[0] });
  });

  it('(d2) a foreign event slipped into a real batch is named by that batch', () => {
    let batchId = 0;
    const path = tampered((db) => {
      batchId = target(db, tenantA, 1).batchId;
      const raw = JSON.stringify({ planted: 2 });
      plant(db, tenantA, 'planted-2', raw, batchId);
    });
    expect(verify(path).firstBreak).toMatchObject({ tenantId: tenantA, kind: 'batch', batchId });
  });

  it('(e) an edited chain link names its batch', () => {
    let batchId = 0;
    const path = tampered((db) => {
      batchId = target(db, tenantA, 2).batchId;
      db.prepare(`UPDATE batches SET chain = ? WHERE id = ?`).run('0'.repeat(64), batchId);
    });
    const result = verify(path);
    expect(result.firstBreak).toMatchObject({ tenantId: tenantA, kind: 'batch', batchId });
    expect(result.firstBreak!.detail).toMatch(/chain/);
    // Everything before the break was checked, nothing after it.
    expect(result.batchesChecked).toBe(3);
  });

  it('(f) a rewritten chain head is named for its tenant', () => {
    const path = tampered((db) => {
      db.prepare('UPDATE tenants SET chain_head = ? WHERE id = ?').run('f'.repeat(64), tenantB);
    });
    expect(verify(path).firstBreak).toMatchObject({ tenantId: tenantB, kind: 'batch', batchId: null });
  });
});
