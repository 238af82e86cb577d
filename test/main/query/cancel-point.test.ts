/**
 * The cancel point (main/query/cancel-point.ts): off unless a thread turns it on; once on, every
 * compiled query meets it first on each 256th row, and a throwing cancel_point() stops the
 * statement; an empty query stays the bare `1` (a count of everything keeps SQLite's fast path).
 * Module state is per test file (vitest isolates files), so turning it on here touches no other test.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_POINT_FUNCTION, cancelPointSql, enableCancelPoints } from '../../../main/query/cancel-point.ts';
import { compileQuery } from '../../../main/query/compile.ts';
import { matchIds, openFixture } from './fixture.ts';

let db: Database.Database;
let cancelled = false;
let calls = 0;
beforeAll(() => {
  db = openFixture();
  db.function(CANCEL_POINT_FUNCTION, { deterministic: false }, () => {
    calls++;
    if (cancelled) throw new Error('stopped at a cancel point');
    return 1;
  });
});
afterAll(() => db.close());

describe('cancel points in compiled queries', () => {
  it('are off by default: compiled SQL never names the function', () => {
    expect(cancelPointSql()).toBeNull();
    expect(compileQuery('outcome:failure').where).not.toContain(CANCEL_POINT_FUNCTION);
  });

  it('once on, come first in every compiled query and leave the results alone', () => {
    const before = ['outcome:failure', 'login OR id:3', 'NOT actor:alice*'].map((q) => matchIds(db, compileQuery(q)));
    enableCancelPoints();
    const point = cancelPointSql();
    expect(point).toBe(`(e.id % 256 <> 0 OR ${CANCEL_POINT_FUNCTION}())`);
    ['outcome:failure', 'login OR id:3', 'NOT actor:alice*'].forEach((q, i) => {
      const compiled = compileQuery(q);
      expect(compiled.where.startsWith(`${point} AND `)).toBe(true);
      expect(matchIds(db, compiled)).toEqual(before[i]);
    });
    expect(compileQuery('').where).toBe('1');
  });

  it('stop a long statement once cancel_point() throws, and are reached every 256 rows', () => {
    const sql = `WITH RECURSIVE e(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM e WHERE id < 100000) SELECT count(*) AS n FROM e WHERE ${cancelPointSql()}`;
    calls = 0;
    expect(db.prepare(sql).get()).toEqual({ n: 100_000 });
    expect(calls).toBe(Math.floor(100_000 / 256));
    cancelled = true;
    expect(() => db.prepare(sql).get()).toThrow('stopped at a cancel point');
    cancelled = false;
  });
});
