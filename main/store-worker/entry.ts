/** The SQLite worker thread's entry (built as out/main/store-worker.js): the production op tables only. */
import { runWorker } from './run-worker.ts';

runWorker();
