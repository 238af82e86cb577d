/** Migration 3 adds batches.normalizer to an existing version-2 workspace, keeping its batches (as NULL: not re-derivable). */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';

describe('migration 003 (normaliser per batch)', () => {
  it('adds a NULL normalizer to existing batches and accepts a name on new ones', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    db.prepare("INSERT INTO connections (kind, label, created_at) VALUES ('okta', 'acme', 1)").run();
    db.prepare("INSERT INTO tenants (connection_id, external_id, name) VALUES (1, 'acme', 'Acme')").run();
    db.prepare("INSERT INTO batches (tenant_id, created_at, event_count, batch_hash, chain) VALUES (1, 1, 0, 'h', 'c')").run();
    expect(() => db.prepare('SELECT normalizer FROM batches').all()).toThrow(/no such column/);
    expect(migrate(db)).toContain(3);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(3);
    expect(db.prepare('SELECT id, normalizer FROM batches').all()).toEqual([{ id: 1, normalizer: null }]);
    db.prepare("INSERT INTO batches (tenant_id, created_at, event_count, batch_hash, chain, normalizer) VALUES (1, 2, 0, 'h', 'c', 'okta@1')").run();
    expect(db.prepare('SELECT normalizer FROM batches WHERE id = 2').get()).toEqual({ normalizer: 'okta@1' });
    db.close();
  });
});
