/**
 * Full-text indexing that trails ingest (DESIGN §9): writing FTS rows inside each batch halves
 * ingest speed, so the writer commits events first and this indexer catches up in bounded
 * chunks when the writer is idle. Column filters work at once; full-text search covers events
 * up to the watermark, and the backlog is reported so the UI can say so. The watermark commits
 * with its FTS rows, so a crash resumes where it stopped.
 */
import type Database from 'better-sqlite3';
import { ftsDocument } from './fts-doc.ts';
import type { WriteDb } from './open.ts';
import type { NormalizedEvent } from '../domain/event.ts';

const WATERMARK_KEY = 'fts_indexed_upto';

export function ftsWatermark(db: Database.Database): number {
  const row = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(WATERMARK_KEY) as
    | { value: string }
    | undefined;
  return row ? Number(row.value) : 0;
}

/** Events not yet searchable by full text. */
export function ftsBacklog(db: Database.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM events WHERE id > ?').get(ftsWatermark(db)) as { n: number }).n;
}

type DocColumns = Pick<NormalizedEvent, 'action' | 'actorName' | 'actorEmail' | 'targetName' | 'message' | 'raw'>;

export class FtsIndexer {
  private readonly db: WriteDb;
  private readonly pick: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly setWatermark: Database.Statement;

  constructor(db: WriteDb) {
    this.db = db;
    this.pick = db.prepare(
      `SELECT id, action, actor_name AS actorName, actor_email AS actorEmail, target_name AS targetName,
              message, raw
       FROM events WHERE id > ? ORDER BY id LIMIT ?`,
    );
    this.insert = db.prepare('INSERT INTO events_fts (rowid, doc) VALUES (?, ?)');
    this.setWatermark = db.prepare(
      `INSERT INTO workspace_meta (key, value) VALUES ('${WATERMARK_KEY}', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  }

  /** Indexes up to `maxRows` events past the watermark in one transaction; returns how many. */
  step(maxRows: number): number {
    return this.db
      .transaction(() => {
        const rows = this.pick.all(ftsWatermark(this.db), maxRows) as (DocColumns & { id: number })[];
        for (const row of rows) this.insert.run(row.id, ftsDocument(row));
        if (rows.length) this.setWatermark.run(String(rows.at(-1)!.id));
        return rows.length;
      })
      .immediate();
  }

  /** Indexes everything outstanding (tests, imports that want search at once). */
  drain(chunk = 20_000): number {
    let total = 0;
    for (let n = this.step(chunk); n > 0; n = this.step(chunk)) total += n;
    return total;
  }
}
