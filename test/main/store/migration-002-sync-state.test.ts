/** Migration 2 adds the sync state to tenants of an existing version-1 workspace, keeping its rows. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';

describe('migration 002 (sync state)', () => {
  it('adds the sync columns with their defaults to existing tenants', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.prepare("INSERT INTO connections (kind, label, created_at) VALUES ('okta', 'acme', 1)").run();
    db.prepare("INSERT INTO tenants (connection_id, external_id, name) VALUES (1, 'acme', 'Acme')").run();
    expect(migrate(db)).toContain(2);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(2);
    const row = db.prepare('SELECT source_kind, options, sync_interval_min, remote_listed, derived_ids FROM tenants').get();
    expect(row).toEqual({ source_kind: null, options: '{}', sync_interval_min: null, remote_listed: 1, derived_ids: 0 });
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM sync_runs WHERE tenant_id = 1 ORDER BY id DESC LIMIT 1').all();
    expect(JSON.stringify(plan)).toContain('sync_runs_tenant');
    db.close();
  });
});
