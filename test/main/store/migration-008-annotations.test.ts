/**
 * Migration 8 replaces migration 1's annotations (one row per star, tag or note) with one row
 * per event and a tag table, carrying over whatever the old table held, and cascades an event's
 * delete to its annotation and tags.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';

function atVersion7(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 7);
  db.prepare("INSERT INTO connections (kind, label, created_at) VALUES ('okta', 'acme', 1)").run();
  db.prepare("INSERT INTO tenants (connection_id, external_id, name) VALUES (1, 'acme', 'Acme')").run();
  const event = db.prepare(
    `INSERT INTO events (tenant_id, source_id, ts, ts_raw, category, action, activity, outcome, raw, raw_sha256, batch_id)
     VALUES (1, ?, 1000, 'x', 'auth', 'login', 'login', 'success', '{}', 'h', 1)`,
  );
  for (const s of ['a', 'b', 'c']) event.run(s);
  return db;
}

describe('migration 008 (annotations per event)', () => {
  it('carries over stars, tags and notes from the old table, one row per event', () => {
    const db = atVersion7();
    const old = db.prepare('INSERT INTO annotations (event_id, kind, value, created_at) VALUES (?, ?, ?, ?)');
    old.run(1, 'star', '', 10);
    old.run(1, 'tag', 'phishing', 11);
    old.run(1, 'tag', 'case-7', 12);
    old.run(2, 'note', 'looked at it', 20);
    expect(migrate(db)).toContain(8);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(8);
    expect(db.prepare('SELECT event_id, starred, note, updated_at FROM annotations ORDER BY event_id').all()).toEqual([
      { event_id: 1, starred: 1, note: '', updated_at: 12 },
      { event_id: 2, starred: 0, note: 'looked at it', updated_at: 20 },
    ]);
    expect(db.prepare('SELECT event_id, tag FROM annotation_tags ORDER BY tag').all()).toEqual([
      { event_id: 1, tag: 'case-7' },
      { event_id: 1, tag: 'phishing' },
    ]);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'annotations_v1'`).all()).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('keeps one tag per event whatever its case, refuses a tag on an unannotated event, and cascades an event delete', () => {
    const db = atVersion7();
    migrate(db);
    db.prepare('INSERT INTO annotations (event_id, starred, updated_at) VALUES (3, 1, 1)').run();
    db.prepare("INSERT INTO annotation_tags (event_id, tag) VALUES (3, 'IOC')").run();
    expect(() => db.prepare("INSERT INTO annotation_tags (event_id, tag) VALUES (3, 'ioc')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO annotation_tags (event_id, tag) VALUES (2, 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO annotations (event_id, updated_at) VALUES (99, 1)').run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM event_rows WHERE id = 3').run();
    expect(db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM annotation_tags').get()).toEqual({ n: 0 });
    db.close();
  });
});
