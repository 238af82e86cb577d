/**
 * The store worker as tests run it: the production op tables plus test-only reads for the
 * cancellation tests. Test-only ops never ship in the app.
 *   spin       — a read that runs in JavaScript until its worker is stopped (or `ms` pass).
 *   waitOnLock — one native SQLite call that lasts exactly as long as the test holds an
 *                exclusive lock on `lockPath` (SQLite's busy handler sleeps in C meanwhile):
 *                a statement no terminate() can interrupt, released at a moment the test picks.
 *   countUntilCancelled — one native call counting to `rows` (minutes for 1e9) through the
 *                reader's cancel point, as compiled queries do: it ends early only if cancel works.
 */
import Database from 'better-sqlite3';
import { cancelPointSql } from '../../main/query/cancel-point.ts';
import { runWorker } from '../../main/store-worker/run-worker.ts';

runWorker({
  read: (db) => ({
    spin: (a: { ms: number }) => {
      const end = Date.now() + a.ms;
      while (Date.now() < end) db.prepare('SELECT 1').get();
      return 'finished';
    },
    waitOnLock: (a: { lockPath: string }, ctx) => {
      const locked = new Database(a.lockPath, { timeout: 120_000 });
      try {
        ctx.report('waiting');
        return locked.prepare('SELECT count(*) AS n FROM sqlite_schema').get();
      } finally {
        locked.close();
      }
    },
    countUntilCancelled: (a: { rows: number }, ctx) => {
      const point = cancelPointSql();
      if (!point) throw new Error('This reader has no cancel points.');
      const sql = `WITH RECURSIVE e(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM e WHERE id < ?) SELECT count(*) AS n FROM e WHERE ${point}`;
      const statement = db.prepare(sql);
      ctx.report('counting');
      return statement.get(a.rows);
    },
  }),
});
