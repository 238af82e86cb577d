/**
 * The sweep (main/rules/sweep.ts) runs many detection rules per read of the view's events. It
 * must find exactly what each rule's own query finds (compile.ts's ruleWhere over the view), in
 * the same order: checked for every detection rule of the built-in pack on the demo workspace,
 * over the whole workspace and over a narrowed view (one tenant, a time window, a query).
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsWatermark } from '../../../main/store/fts-indexer.ts';
import { viewSql, type View } from '../../../main/store/view-sql.ts';
import { ruleWhere } from '../../../main/rules/compile.ts';
import type { DetectionRule } from '../../../main/rules/load.ts';
import { sweepDetections } from '../../../main/rules/sweep.ts';
import { removeTempDirs } from '../store/fixtures.ts';
import { builtInRules, openDemoForRules } from './demo-rules-db.ts';

const detections = builtInRules().filter((r): r is DetectionRule => r.kind === 'detection');
let db: Database.Database;

beforeAll(async () => {
  // Indexed but for the last 500 events: rules with a full-text prefilter read through the index, and past its watermark.
  db = await openDemoForRules('all-but-tail');
}, 120_000);
afterAll(() => {
  db?.close();
  removeTempDirs();
});

/** Each rule's matches by its own query over the view: ids in (ts, id) order. */
function oneByOne(view: View): Map<string, number[]> {
  const v = viewSql(view);
  return new Map(
    detections.map((rule) => {
      const { sql, params } = ruleWhere(rule);
      const rows = db.prepare(`SELECT e.id FROM events e WHERE ${v.where} AND ${sql} ORDER BY e.ts, e.id`).all(...v.params, ...params) as { id: number }[];
      return [rule.id, rows.map((r) => r.id)];
    }),
  );
}

function swept(view: View): Map<string, number[]> {
  const v = viewSql(view);
  const out = sweepDetections(db, detections, { viewWhere: v.where, viewParams: v.params as (string | number)[] });
  return new Map([...out].map(([rule, rows]) => [rule.id, rows.map((r) => r.id)]));
}

describe('the sweep', () => {
  it('finds what each rule finds alone, in the same order, over the whole workspace', () => {
    const view: View = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };
    const expected = oneByOne(view);
    // Not a vacuous comparison: the demo plants cases for many rules.
    expect([...expected.values()].filter((ids) => ids.length > 0).length).toBeGreaterThanOrEqual(15);
    expect(swept(view)).toEqual(expected);
  });

  it('reads through the full-text index for the rules that allow it, and finds the same', () => {
    const watermark = ftsWatermark(db);
    const { total } = db.prepare('SELECT max(id) AS total FROM event_rows').get() as { total: number };
    expect(watermark).toBe(total - 500);
    const read: string[] = [];
    const spy = { prepare: (sql: string) => (read.push(sql), db.prepare(sql)) };
    const view: View = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };
    const v = viewSql(view);
    const out = sweepDetections(spy, detections, { viewWhere: v.where, viewParams: v.params as (string | number)[], fullTextUpTo: watermark });
    expect(read.filter((sql) => sql.includes('FROM events_fts WHERE events_fts MATCH ?) OR e.id > ?')).length).toBeGreaterThan(0);
    expect(new Map([...out].map(([rule, rows]) => [rule.id, rows.map((r) => r.id)]))).toEqual(oneByOne(view));
  });

  it('and over a narrowed view (one tenant, a time window, a query)', () => {
    const { id: tenantId, first, last } = db
      .prepare('SELECT tenant_id AS id, min(ts) AS first, max(ts) AS last FROM events GROUP BY tenant_id ORDER BY count(*) DESC LIMIT 1')
      .get() as { id: number; first: number; last: number };
    const view: View = { scope: { kind: 'tenants', tenantIds: [tenantId] }, range: { from: first + (last - first) / 4, to: last }, query: 'NOT outcome:success' };
    const expected = oneByOne(view);
    expect([...expected.values()].some((ids) => ids.length > 0)).toBe(true);
    expect(swept(view)).toEqual(expected);
  });
});
