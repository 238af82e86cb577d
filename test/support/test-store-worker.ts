/**
 * The store worker as tests run it: the production op tables plus `spin`, a read that runs
 * until its worker is stopped (for cancellation tests). Test-only ops never ship in the app.
 */
import { runWorker } from '../../main/store-worker/run-worker.ts';

runWorker({
  read: (db) => ({
    spin: (a: { ms: number }) => {
      const end = Date.now() + a.ms;
      while (Date.now() < end) db.prepare('SELECT 1').get();
      return 'finished';
    },
  }),
});
