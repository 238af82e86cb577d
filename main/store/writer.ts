/**
 * The only code that writes events. A batch, its FTS rows, its link in the tenant's hash chain,
 * the tenant's counters and its sync checkpoint commit in one transaction: after a crash the
 * file holds all of a batch or none of it, and the checkpoint always matches the rows.
 */
import type { NormalizedEvent } from '../domain/event.ts';
import { ipToBin } from '../domain/ip.ts';
import { INSERT_COLUMNS, pushEventValues, type SqlValue } from './event-columns.ts';
import { ftsDocument } from './fts-doc.ts';
import { batchHash, chainLink, sha256Hex } from './hash.ts';
import type { WriteDb } from './open.ts';
import type Database from 'better-sqlite3';

export interface Checkpoint {
  cursor: string | null;
  highWater: number | null;
}

export interface BatchInput {
  tenantId: number;
  events: readonly NormalizedEvent[];
  checkpoint?: Checkpoint;
  syncRunId?: number | null;
}

export interface BatchResult {
  inserted: number;
  duplicates: number;
  batchId: number | null;
  chain: string | null;
}

interface NewRow {
  id: number;
  source_id: string;
  raw_sha256: string;
}

/** Rows per multi-row INSERT: 27 columns × 32 rows stays far below SQLite's parameter limit. */
const ROWS_PER_STATEMENT = 32;

export class EventWriter {
  private readonly insertMany: Database.Statement;
  private readonly insertFtsMany: Database.Statement;
  private readonly insertOneCache = new Map<number, { events: Database.Statement; fts: Database.Statement }>();
  private readonly values: SqlValue[] = [];
  private readonly ftsValues: SqlValue[] = [];

  // A plain field, not a parameter property: the worker runs this file under Node's type stripping.
  private readonly db: WriteDb;

  constructor(db: WriteDb) {
    this.db = db;
    this.insertMany = this.eventInsert(ROWS_PER_STATEMENT);
    this.insertFtsMany = this.ftsInsert(ROWS_PER_STATEMENT);
  }

  private eventInsert(rows: number): Database.Statement {
    const tuple = `(${INSERT_COLUMNS.map(() => '?').join(',')})`;
    return this.db.prepare(
      `INSERT OR IGNORE INTO events (${INSERT_COLUMNS.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}
       RETURNING id, source_id, raw_sha256`,
    );
  }

  private ftsInsert(rows: number): Database.Statement {
    return this.db.prepare(`INSERT INTO events_fts (rowid, doc) VALUES ${Array(rows).fill('(?,?)').join(',')}`);
  }

  private statementsFor(rows: number): { events: Database.Statement; fts: Database.Statement } {
    if (rows === ROWS_PER_STATEMENT) return { events: this.insertMany, fts: this.insertFtsMany };
    let cached = this.insertOneCache.get(rows);
    if (!cached) {
      cached = { events: this.eventInsert(rows), fts: this.ftsInsert(rows) };
      this.insertOneCache.set(rows, cached);
    }
    return cached;
  }

  ingestBatch(input: BatchInput): BatchResult {
    return this.db.transaction(() => this.ingestInTransaction(input)).immediate();
  }

  private ingestInTransaction({ tenantId, events, checkpoint, syncRunId = null }: BatchInput): BatchResult {
    const db = this.db;
    const tenant = db.prepare('SELECT chain_head FROM tenants WHERE id = ?').get(tenantId) as
      | { chain_head: string | null }
      | undefined;
    if (!tenant) throw new Error(`Tenant ${tenantId} does not exist.`);

    const batchId = Number(
      db
        .prepare(
          `INSERT INTO batches (tenant_id, sync_run_id, created_at, event_count, batch_hash, chain)
           VALUES (?, ?, ?, 0, '', '')`,
        )
        .run(tenantId, syncRunId, Date.now()).lastInsertRowid,
    );

    const inserted: { id: number; sha: string }[] = [];
    let newest: number | null = null;
    for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
      const chunk = events.slice(start, start + ROWS_PER_STATEMENT);
      const values = this.values;
      values.length = 0;
      for (const e of chunk) {
        pushEventValues(values, tenantId, e, e.ip ? ipToBin(e.ip) : null, sha256Hex(e.raw), syncRunId, batchId);
      }
      // RETURNING yields only the new rows; a source id is unique per tenant, so it finds the event.
      const returned = this.statementsFor(chunk.length).events.all(values) as NewRow[];
      if (returned.length === 0) continue;
      // The first of a repeated source id is the row INSERT OR IGNORE kept; map to that one.
      const bySourceId = new Map<string, NormalizedEvent>();
      for (const e of chunk) if (!bySourceId.has(e.sourceId)) bySourceId.set(e.sourceId, e);
      const docs = this.ftsValues;
      docs.length = 0;
      for (const row of returned) {
        const event = bySourceId.get(row.source_id)!;
        docs.push(row.id, ftsDocument(event));
        inserted.push({ id: row.id, sha: row.raw_sha256 });
        if (newest === null || event.ts > newest) newest = event.ts;
      }
      this.statementsFor(returned.length).fts.run(docs);
    }

    const duplicates = events.length - inserted.length;
    if (inserted.length === 0) {
      db.prepare('DELETE FROM batches WHERE id = ?').run(batchId);
      this.saveCheckpoint(tenantId, checkpoint);
      return { inserted: 0, duplicates, batchId: null, chain: tenant.chain_head };
    }

    inserted.sort((a, b) => a.id - b.id);
    const hash = batchHash(inserted.map((r) => r.sha));
    const chain = chainLink(tenant.chain_head, hash);
    db.prepare(
      `UPDATE batches SET event_count = ?, first_event = ?, last_event = ?, batch_hash = ?, prev_chain = ?, chain = ?
       WHERE id = ?`,
    ).run(inserted.length, inserted[0]!.id, inserted.at(-1)!.id, hash, tenant.chain_head, chain, batchId);
    db.prepare(
      `UPDATE tenants SET chain_head = ?, event_count = event_count + ?, newest_ts = max(coalesce(newest_ts, ?), ?)
       WHERE id = ?`,
    ).run(chain, inserted.length, newest, newest, tenantId);
    this.saveCheckpoint(tenantId, checkpoint);
    return { inserted: inserted.length, duplicates, batchId, chain };
  }

  private saveCheckpoint(tenantId: number, checkpoint: Checkpoint | undefined): void {
    if (!checkpoint) return;
    this.db
      .prepare(
        `INSERT INTO checkpoints (tenant_id, cursor, high_water, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET cursor = excluded.cursor,
           high_water = max(coalesce(checkpoints.high_water, excluded.high_water),
                            coalesce(excluded.high_water, checkpoints.high_water)),
           updated_at = excluded.updated_at`,
      )
      .run(tenantId, checkpoint.cursor, checkpoint.highWater, Date.now());
  }
}
