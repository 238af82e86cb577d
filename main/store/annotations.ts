/**
 * The investigator's annotations (migration 8): a star, tags and a note per event. They live
 * beside the evidence, never in it: nothing here writes `events` or `batches`, so raw hashes and
 * the chain stay as ingested and verify holds (docs/design.md §3). An event with no star, tag or
 * note has no row, so the table holds only what someone marked.
 */
import type Database from 'better-sqlite3';
import type { ReadDb, WriteDb } from './open.ts';
import { viewSql, type View } from './view-sql.ts';

export interface Annotation {
  starred: boolean;
  tags: string[];
  note: string;
}

interface Row {
  event_id: number;
  starred: number;
  note: string;
  tags: string;
}

const SELECT = `SELECT a.event_id, a.starred, a.note,
  (SELECT json_group_array(t.tag) FROM (SELECT tag FROM annotation_tags WHERE event_id = a.event_id ORDER BY tag) t) AS tags
  FROM annotations a`;

const toAnnotation = (r: Row): Annotation => ({ starred: r.starred === 1, tags: JSON.parse(r.tags) as string[], note: r.note });

/** The annotations of these events (absent: none); one query for a page of rows. */
export function annotationsOf(db: Database.Database, eventIds: readonly number[]): Map<number, Annotation> {
  const out = new Map<number, Annotation>();
  if (eventIds.length === 0) return out;
  const rows = db.prepare(`${SELECT} WHERE a.event_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(eventIds)) as Row[];
  for (const r of rows) out.set(r.event_id, toAnnotation(r));
  return out;
}

/** Sets `annotation` on each row that has one (rows come from a page or an event read). */
export function attachAnnotations<R extends { id: number; annotation?: Annotation }>(db: ReadDb, rows: R[]): R[] {
  const found = annotationsOf(db, rows.map((r) => r.id));
  for (const row of rows) {
    const a = found.get(row.id);
    if (a) row.annotation = a;
  }
  return rows;
}

/**
 * The tags on a view's events, most used first. Starts from the tags (CROSS JOIN keeps that
 * order): a view of a million events carries a few thousand tags at most.
 */
export function tagCounts(db: ReadDb, view: View, limit: number): { tag: string; count: number }[] {
  const { where, params } = viewSql(view);
  return db
    .prepare(
      `SELECT min(t.tag) AS tag, count(*) AS count FROM annotation_tags t CROSS JOIN event_rows e ON e.id = t.event_id
       WHERE ${where} GROUP BY t.tag ORDER BY count DESC, tag LIMIT ?`,
    )
    .all(...params, limit) as { tag: string; count: number }[];
}

export interface AnnotationChange {
  eventId: number;
  starred?: boolean | undefined;
  tags?: string[] | undefined;
  note?: string | undefined;
  now: number;
}

/** Tags as the user typed them, trimmed, without repeats (case-insensitively, as the column compares). */
function distinctTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.map((t) => t.trim()).filter((t) => t !== '' && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

/** Drops annotation rows left with no star, no note and no tag. */
function dropEmpty(db: WriteDb, where: string, ...params: unknown[]): void {
  db.prepare(
    `DELETE FROM annotations WHERE ${where} AND starred = 0 AND note = ''
     AND NOT EXISTS (SELECT 1 FROM annotation_tags t WHERE t.event_id = annotations.event_id)`,
  ).run(...params);
}

/** Changes the parts given; null when there is no such event. */
export function setAnnotation(db: WriteDb, c: AnnotationChange): (Annotation & { eventId: number }) | null {
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM event_rows WHERE id = ?').get(c.eventId)) return null;
    db.prepare(
      `INSERT INTO annotations (event_id, starred, note, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (event_id) DO UPDATE SET starred = coalesce(?, starred), note = coalesce(?, note), updated_at = excluded.updated_at`,
    ).run(c.eventId, c.starred ? 1 : 0, c.note ?? '', c.now, c.starred === undefined ? null : c.starred ? 1 : 0, c.note ?? null);
    if (c.tags) {
      db.prepare('DELETE FROM annotation_tags WHERE event_id = ?').run(c.eventId);
      const add = db.prepare('INSERT INTO annotation_tags (event_id, tag) VALUES (?, ?)');
      for (const tag of distinctTags(c.tags)) add.run(c.eventId, tag);
    }
    dropEmpty(db, 'event_id = ?', c.eventId);
    const now = annotationsOf(db, [c.eventId]).get(c.eventId) ?? { starred: false, tags: [], note: '' };
    return { eventId: c.eventId, ...now };
  })();
}

export type BulkTarget = { eventIds: number[] } | { view: View };

export type BulkResult = { ok: true; matched: number; changed: number } | { ok: false; error: string };

/**
 * Adds or removes one tag on a list of events or on every event of a view, in one transaction.
 * A view larger than `limit` changes nothing: the answer says how many it holds.
 */
export function bulkTag(db: WriteDb, a: { tag: string; action: 'add' | 'remove'; target: BulkTarget; now: number; limit: number }): BulkResult {
  const tag = a.tag.trim();
  return db.transaction((): BulkResult => {
    // The chosen events, materialised once: a view's query may itself test this tag.
    db.prepare('CREATE TEMP TABLE IF NOT EXISTS bulk_ids (id INTEGER PRIMARY KEY)').run();
    db.prepare('DELETE FROM temp.bulk_ids').run();
    if ('eventIds' in a.target) {
      db.prepare('INSERT OR IGNORE INTO temp.bulk_ids SELECT e.id FROM event_rows e WHERE e.id IN (SELECT value FROM json_each(?))').run(JSON.stringify(a.target.eventIds));
    } else {
      const { where, params } = viewSql(a.target.view);
      db.prepare(`INSERT INTO temp.bulk_ids SELECT e.id FROM event_rows e WHERE ${where} LIMIT ?`).run(...params, a.limit + 1);
    }
    const matched = (db.prepare('SELECT count(*) AS n FROM temp.bulk_ids').get() as { n: number }).n;
    if (matched > a.limit) {
      return { ok: false, error: `This view holds more than ${a.limit.toLocaleString('en-US')} events; tag at most that many at once: narrow the range or the query. Nothing was tagged.` };
    }
    let changed: number;
    if (a.action === 'add') {
      db.prepare(
        `INSERT INTO annotations (event_id, updated_at) SELECT id, ? FROM temp.bulk_ids WHERE true
         ON CONFLICT (event_id) DO NOTHING`,
      ).run(a.now);
      changed = db.prepare('INSERT OR IGNORE INTO annotation_tags (event_id, tag) SELECT id, ? FROM temp.bulk_ids').run(tag).changes;
    } else {
      changed = db.prepare('DELETE FROM annotation_tags WHERE tag = ? AND event_id IN (SELECT id FROM temp.bulk_ids)').run(tag).changes;
      dropEmpty(db, 'event_id IN (SELECT id FROM temp.bulk_ids)');
    }
    if (changed > 0) {
      db.prepare(
        `UPDATE annotations SET updated_at = ? WHERE event_id IN (SELECT id FROM temp.bulk_ids)`,
      ).run(a.now);
    }
    db.prepare('DELETE FROM temp.bulk_ids').run();
    return { ok: true, matched, changed };
  })();
}
