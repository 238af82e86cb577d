/**
 * The store worker as tests run it: the production op tables plus test-only reads for the
 * cancellation tests. Test-only ops never ship in the app.
 *   spin       — a read that runs in JavaScript until its worker is stopped (or `ms` pass).
 *   waitOnLock — one native SQLite call that lasts exactly as long as the test holds an
 *                exclusive lock on `lockPath` (SQLite's busy handler sleeps in C meanwhile):
 *                a statement no terminate() can interrupt, released at a moment the test picks.
 */
import Database from 'better-sqlite3';
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
  }),
});
