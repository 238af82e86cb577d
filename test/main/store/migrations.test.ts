import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion, type Migration } from '../../../main/store/migrations/index.ts';
import { APPLICATION_ID, openWorkspaceForWrite } from '../../../main/store/open.ts';
import { removeTempDirs, tempWorkspacePath } from './fixtures.ts';

afterAll(removeTempDirs);

const DESIGN_TABLES = [
  'event_rows', 'event_raw', 'events_fts', 'tenants', 'connections', 'sync_runs', 'checkpoints', 'batches',
  'presets', 'queries', 'annotations', 'exports',
];

function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
}

function schemaSnapshot(db: Database.Database): { type: string; name: string; sql: string | null }[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all() as {
    type: string; name: string; sql: string | null;
  }[];
}

/** Runs `fn` with `extra` appended to the migration list, restoring the list afterwards. */
function withExtraMigrations<T>(extra: Migration[], fn: () => T): T {
  const list = MIGRATIONS as Migration[];
  const before = list.length;
  list.push(...extra);
  try {
    return fn();
  } finally {
    list.length = before;
  }
}

describe('migrations', () => {
  it('are numbered 1..N without gaps and LATEST_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('an empty file becomes a workspace at the latest version with the application id and every table of docs/design.md §3', () => {
    const path = tempWorkspacePath();
    writeFileSync(path, '');
    const db = openWorkspaceForWrite(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      const tables = tableNames(db);
      for (const t of DESIGN_TABLES) expect(tables, `table ${t}`).toContain(t);
      // The events as one relation, raw included, for SQL rules and readers of the file (migration 9).
      expect(db.prepare(`SELECT type FROM sqlite_schema WHERE name = 'events'`).get()).toEqual({ type: 'view' });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    // And the stamp is in the file itself: a fresh plain connection sees it.
    const again = new Database(path, { readonly: true });
    try {
      expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(again.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    } finally {
      again.close();
    }
  });

  it('migrate() on a bare database applies every migration in order', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('re-running migrate is a no-op', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = schemaSnapshot(db);
    expect(migrate(db)).toEqual([]);
    expect(migrate(db, LATEST_VERSION)).toEqual([]);
    expect(schemaSnapshot(db)).toEqual(before);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('migrate(db, target) stops at the target', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 0)).toEqual([]);
    expect(schemaVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
    db.close();
  });

  describe('migration 1 (initial schema)', () => {
    // Signal-Desktop style: build the schema at N-1 (here: empty), migrate to N, then use it.
    function atVersion1(): Database.Database {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      migrate(db, 0);
      expect(schemaVersion(db)).toBe(0);
      expect(migrate(db, 1)).toEqual([1]);
      expect(schemaVersion(db)).toBe(1);
      return db;
    }

    function insertTenant(db: Database.Database): { connectionId: number; tenantId: number } {
      const connectionId = Number(
        db.prepare(`INSERT INTO connections (kind, label, created_at) VALUES ('okta', 'Acme', 1)`).run().lastInsertRowid,
      );
      const tenantId = Number(
        db.prepare(`INSERT INTO tenants (connection_id, external_id, name) VALUES (?, 'org1', 'Org 1')`).run(connectionId)
          .lastInsertRowid,
      );
      return { connectionId, tenantId };
    }

    const insertEvent = (db: Database.Database, tenantId: number, sourceId: string, ts: unknown = 1000) =>
      db
        .prepare(
          `INSERT INTO events (tenant_id, source_id, ts, ts_raw, category, action, activity, outcome, raw, raw_sha256, batch_id)
           VALUES (?, ?, ?, 'x', 'auth', 'login', 'login', 'success', '{}', 'h', 1)`,
        )
        .run(tenantId, sourceId, ts);

    it('creates tables that take rows with their defaults', () => {
      const db = atVersion1();
      const { tenantId } = insertTenant(db);
      const tenant = db.prepare('SELECT groups, legal_hold, event_count, retention_days FROM tenants WHERE id = ?').get(tenantId);
      expect(tenant).toEqual({ groups: '[]', legal_hold: 0, event_count: 0, retention_days: null });
      insertEvent(db, tenantId, 'e1');
      db.prepare(`INSERT INTO events_fts (rowid, doc) VALUES (1, 'hello audit world')`).run();
      expect(db.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH 'audit'`).all()).toEqual([{ rowid: 1 }]);
      db.prepare(`INSERT INTO annotations (event_id, kind, value, created_at) VALUES (1, 'tag', 'x', 1)`).run();
      db.prepare(`INSERT INTO presets (name, view, created_at, updated_at) VALUES ('p', '{}', 1, 1)`).run();
      db.prepare(`INSERT INTO queries (name, sql, created_at, updated_at) VALUES ('q', 'SELECT 1', 1, 1)`).run();
      db.prepare(
        `INSERT INTO exports (format, view, status, file_path, started_at) VALUES ('csv', '{}', 'ok', '/tmp/x.csv', 1)`,
      ).run();
      db.prepare(`INSERT INTO sync_runs (tenant_id, kind, started_at, status) VALUES (?, 'poll', 1, 'running')`).run(tenantId);
      db.prepare(`INSERT INTO checkpoints (tenant_id, cursor, high_water, updated_at) VALUES (?, 'c', 5, 1)`).run(tenantId);
      db.prepare(
        `INSERT INTO batches (tenant_id, created_at, event_count, batch_hash, chain) VALUES (?, 1, 1, 'b', 'c')`,
      ).run(tenantId);
      for (const t of ['annotations', 'presets', 'queries', 'exports', 'sync_runs', 'checkpoints', 'batches', 'events']) {
        expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(1);
      }
      db.close();
    });

    it('enforces source ids unique per tenant, STRICT types and CHECK constraints', () => {
      const db = atVersion1();
      const { connectionId, tenantId } = insertTenant(db);
      insertEvent(db, tenantId, 'dup');
      expect(() => insertEvent(db, tenantId, 'dup')).toThrow(/UNIQUE/);
      // The same source id under another tenant is a different event.
      const other = Number(
        db.prepare(`INSERT INTO tenants (connection_id, external_id, name) VALUES (?, 'org2', 'Org 2')`).run(connectionId)
          .lastInsertRowid,
      );
      insertEvent(db, other, 'dup');
      expect(() => insertEvent(db, tenantId, 'strict', 'not a number')).toThrow(/cannot store TEXT value in INTEGER column/);
      expect(() => db.prepare('UPDATE tenants SET legal_hold = 2 WHERE id = ?').run(tenantId)).toThrow(/CHECK/);
      expect(() =>
        db.prepare(`INSERT INTO annotations (event_id, kind, created_at) VALUES (1, 'bogus', 1)`).run(),
      ).toThrow(/CHECK/);
      db.close();
    });

    it('cascades a tenant delete to its events, batches and checkpoint, and an event delete to its annotations', () => {
      const db = atVersion1();
      const { connectionId, tenantId } = insertTenant(db);
      insertEvent(db, tenantId, 'a');
      insertEvent(db, tenantId, 'b');
      db.prepare(`INSERT INTO annotations (event_id, kind, value, created_at) VALUES (1, 'star', '', 1)`).run();
      db.prepare(`INSERT INTO checkpoints (tenant_id, cursor, updated_at) VALUES (?, 'c', 1)`).run(tenantId);
      db.prepare('DELETE FROM events WHERE id = 1').run();
      expect((db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n).toBe(0);
      db.prepare('DELETE FROM connections WHERE id = ?').run(connectionId);
      for (const t of ['tenants', 'events', 'checkpoints']) {
        expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
      }
      db.close();
    });

    it('has the paging indexes', () => {
      const db = atVersion1();
      const indexes = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events'`).all() as {
        name: string;
      }[]).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['events_ts', 'events_tenant_ts']));
      db.close();
    });
  });

  describe('a migration that fails midway', () => {
    it('leaves the file at the old version with nothing of the failed migration', () => {
      const path = tempWorkspacePath();
      const db = openWorkspaceForWrite(path);
      const before = schemaSnapshot(db);
      const failing: Migration = {
        version: LATEST_VERSION + 1,
        name: 'fails halfway',
        up: (d) => {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          d.exec('INSERT INTO half_done VALUES (1)');
          d.exec(`UPDATE tenants SET name = 'changed'`);
          throw new Error('crash inside migration');
        },
      };
      expect(() => withExtraMigrations([failing], () => migrate(db, LATEST_VERSION + 1))).toThrow('crash inside migration');
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(tableNames(db)).not.toContain('half_done');
      expect(schemaSnapshot(db)).toEqual(before);
      db.close();
      // And on disk.
      const reopened = new Database(path, { readonly: true });
      expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(tableNames(reopened)).not.toContain('half_done');
      reopened.close();
    });

    it('a failing SQL-text migration also rolls back, while an earlier good one in the same run stays', () => {
      const db = new Database(':memory:');
      migrate(db);
      const good: Migration = { version: LATEST_VERSION + 1, name: 'good', up: 'CREATE TABLE good_one (x INTEGER);' };
      const bad: Migration = {
        version: LATEST_VERSION + 2,
        name: 'bad',
        up: 'CREATE TABLE bad_one (x INTEGER); INSERT INTO no_such_table VALUES (1);',
      };
      expect(() => withExtraMigrations([good, bad], () => migrate(db, LATEST_VERSION + 2))).toThrow(/no such table/);
      expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
      expect(tableNames(db)).toContain('good_one');
      expect(tableNames(db)).not.toContain('bad_one');
      db.close();
    });
  });
});
