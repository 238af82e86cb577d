/**
 * Full-text indexing that trails ingest (docs/design.md §9): writing FTS rows inside each batch halves
 * ingest speed, so the writer commits events first and this indexer catches up in bounded
 * chunks when the writer is idle. Column filters work at once; full-text search covers events
 * up to the watermark, and the backlog is reported so the UI can say so. The watermark commits
 * with its FTS rows, so a crash resumes where it stopped.
 */
import type Database from 'better-sqlite3';
import type { WriteDb } from './open.ts';

const WATERMARK_KEY = 'fts_indexed_upto';

export function ftsWatermark(db: Database.Database): number {
  const row = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(WATERMARK_KEY) as
    | { value: string }
    | undefined;
  return row ? Number(row.value) : 0;
}

/** Events not yet searchable by full text. */
export function ftsBacklog(db: Database.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM event_rows WHERE id > ?').get(ftsWatermark(db)) as { n: number }).n;
}

export class FtsIndexer {
  private readonly db: WriteDb;
  private readonly indexRange: Database.Statement;
  private readonly setWatermark: Database.Statement;

  constructor(db: WriteDb) {
    this.db = db;
    // Set-based, in SQLite (no row crosses into JavaScript): the document is the names people
    // search for, then the raw text. concat_ws skips NULLs.
    this.indexRange = db.prepare(
      `INSERT INTO events_fts (rowid, doc)
       SELECT id, concat_ws(char(10), action, actor_name, actor_email, target_name, message, raw)
       FROM events WHERE id > ? ORDER BY id LIMIT ?`,
    );
    this.setWatermark = db.prepare(
      `INSERT INTO workspace_meta (key, value)
       SELECT '${WATERMARK_KEY}', max(id) FROM (SELECT id FROM event_rows WHERE id > ? ORDER BY id LIMIT ?) WHERE true  -- "WHERE true" parses the upsert after a SELECT
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  }

  /** Indexes up to `maxRows` events past the watermark in one transaction; returns how many. */
  step(maxRows: number): number {
    return this.db
      .transaction(() => {
        const from = ftsWatermark(this.db);
        const indexed = this.indexRange.run(from, maxRows).changes;
        if (indexed) this.setWatermark.run(from, maxRows);
        return indexed;
      })
      .immediate();
  }

  /** Indexes everything outstanding (tests, imports that want search at once). */
  drain(chunk = 50_000): number {
    let total = 0;
    for (let n = this.step(chunk); n > 0; n = this.step(chunk)) total += n;
    return total;
  }
}
