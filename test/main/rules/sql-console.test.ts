/**
 * The SQL console on a reader's read-only connection: queries run with named parameters and a
 * row limit; every kind of write is refused with a sentence, and the workspace file stays
 * byte-identical.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { ruleReadOps } from '../../../main/store-worker/rule-ops.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

let path = '';
let db: ReadDb;
const fingerprint = (): string =>
  ['', '-wal'].map((s) => (existsSync(path + s) ? createHash('sha256').update(readFileSync(path + s)).digest('hex') : '-')).join('/');

beforeAll(() => {
  path = tempWorkspacePath();
  const w = openWorkspaceForWrite(path);
  const c = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  ensureTenant(w, c, { externalId: 'a', name: 'Alpha', groups: [] });
  ensureTenant(w, c, { externalId: 'b', name: 'Beta', groups: [] });
  closeWorkspace(w);
  db = openWorkspaceForRead(path);
});
afterAll(() => {
  db.close();
  removeTempDirs();
});

const run = (sql: string, params: Record<string, string | number | null> = {}, limit = 100) => ruleReadOps(db).sqlRun({ sql, params, limit });

describe('SQL console', () => {
  it('runs a query with a named parameter', () => {
    expect(run('SELECT name FROM tenants WHERE name LIKE :prefix ORDER BY name', { prefix: 'B%' })).toEqual({ ok: true, columns: ['name'], rows: [['Beta']], truncated: false });
  });

  it('stops at the row limit and says so', () => {
    expect(run('SELECT name FROM tenants ORDER BY name', {}, 1)).toEqual({ ok: true, columns: ['name'], rows: [['Alpha']], truncated: true });
  });

  it('allows reading PRAGMAs', () => {
    const out = run('PRAGMA table_info(events)');
    expect(out.ok && out.rows.length).toBeGreaterThan(10);
  });

  it.each([
    ['INSERT', "INSERT INTO tenants (connection_id, external_id, name) VALUES (1, 'x', 'X')", /writes are refused/],
    ['UPDATE', "UPDATE tenants SET name = 'X'", /writes are refused/],
    ['DELETE', 'DELETE FROM tenants', /writes are refused/],
    ['DROP', 'DROP TABLE tenants', /writes are refused/],
    ['CREATE', 'CREATE TABLE t (x)', /writes are refused/],
    ['ATTACH', "ATTACH DATABASE '/tmp/x.db' AS x", /ATTACH and DETACH are refused/],
    ['PRAGMA write', 'PRAGMA query_only = 0', /PRAGMA assignments are refused/],
    ['PRAGMA write without =', 'PRAGMA main.journal_mode', /changes the database/],
    ['load_extension', "SELECT load_extension('/tmp/evil.so')", /load_extension\(\) is refused/],
    ['a write hidden after a comment', "/* read */ DELETE FROM tenants -- ok", /writes are refused/],
    ['two statements', 'SELECT 1; DELETE FROM tenants', /SQLite cannot run this/],
    ['VACUUM', 'VACUUM', /VACUUM is refused/],
  ])('refuses %s with a sentence and leaves the workspace byte-identical', (_name, sql, why) => {
    const before = fingerprint();
    const out = run(sql);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toMatch(why);
    expect(fingerprint()).toBe(before);
    expect(run('SELECT count(*) FROM tenants')).toMatchObject({ ok: true, rows: [[2]] });
  });

  it('names a SQL mistake', () => {
    expect(run('SELEC 1')).toEqual({ ok: false, error: expect.stringMatching(/^SQLite cannot run this: near "SELEC": syntax error/) });
  });
});
