/**
 * The `events` view (migrations 9 and 10): one relation with every column and the raw text, whose
 * raw is read only where a query names it. SQL rules and console queries count and window over
 * `events`; before migration 10 an aggregate joined every raw row it never read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkspace, openWorkspaceForWrite, type WriteDb } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { makeEvents, removeTempDirs, tempWorkspacePath } from './fixtures.ts';

let db: WriteDb;
const events = makeEvents(11, 60, { prefix: 'v' });

beforeAll(() => {
  db = openWorkspaceForWrite(tempWorkspacePath());
  const c = ensureConnection(db, { kind: 'okta', label: 'O', baseUrl: null });
  const tenant = ensureTenant(db, c, { externalId: 't', name: 'T', groups: [] });
  new EventWriter(db).ingestBatch({ tenantId: tenant, events });
});
afterAll(() => {
  closeWorkspace(db);
  removeTempDirs();
});

/** The tables a statement's plan reads (EXPLAIN QUERY PLAN's SCAN/SEARCH targets). */
function tablesRead(sql: string): string[] {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
  return plan.flatMap((p) => /^(?:SCAN|SEARCH) (\w+)/.exec(p.detail)?.slice(1) ?? []);
}

describe('the events view', () => {
  it('gives every event its raw text byte for byte', () => {
    const rows = db.prepare('SELECT source_id AS sourceId, raw FROM events ORDER BY id').all() as { sourceId: string; raw: string }[];
    expect(rows).toEqual(events.map((e) => ({ sourceId: e.sourceId, raw: e.raw })));
  });

  it('reads no raw row for a count, a grouping or a window that does not name raw', () => {
    for (const sql of [
      'SELECT count(*) FROM events',
      'SELECT tenant_id, ts / 3600000, count(*) FROM events GROUP BY 1, 2',
      'SELECT id, lag(ts) OVER (PARTITION BY actor_id ORDER BY ts) FROM events',
    ]) {
      expect(tablesRead(sql), sql).not.toContain('x');
      expect(tablesRead(sql).length, sql).toBeGreaterThan(0);
    }
    // …and reads it where a query does name it.
    expect(tablesRead("SELECT count(*) FROM events WHERE json_extract(raw, '$.a') IS NULL")).toContain('x');
    const { n } = db.prepare("SELECT count(*) AS n FROM events WHERE json_valid(raw)").get() as { n: number };
    expect(n).toBe(events.length);
  });

  it('stays read-only', () => {
    expect(() => db.prepare("UPDATE events SET raw = '{}'").run()).toThrow(/cannot modify events because it is a view/);
  });
});
