/** The sync worker thread's entry (built as out/main/sync-worker.js): pulls run here, off the main thread. */
import { runSyncWorker } from './run-sync-worker.ts';

runSyncWorker();
