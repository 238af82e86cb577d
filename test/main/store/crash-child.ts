/**
 * Crash-safety helper: `node test/unit/store/crash-child.ts <workspace> <seed>`.
 * Opens the workspace for write, resumes after the batch its checkpoint names, and ingests the
 * deterministic batch sequence from fixtures.ts forever, each batch with checkpoint
 * {cursor: 'batch-<n>', highWater: <max ts>}. Prints `running <next n>` once it is writing;
 * the test kills it with SIGKILL at a random moment.
 */
import { openWorkspaceForWrite } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { FtsIndexer } from '../../../main/store/fts-indexer.ts';
import { CRASH_CONNECTION, CRASH_TENANT, crashBatch, maxTs, prng } from './fixtures.ts';

const [workspace, seedText] = process.argv.slice(2);
if (!workspace || !seedText) {
  process.stderr.write('usage: crash-child.ts <workspace> <seed>\n');
  process.exit(2);
}
const seed = Number(seedText);

const db = openWorkspaceForWrite(workspace);
const connectionId = ensureConnection(db, { ...CRASH_CONNECTION });
const tenantId = ensureTenant(db, connectionId, { ...CRASH_TENANT, groups: [...CRASH_TENANT.groups] });
const writer = new EventWriter(db);
const indexer = new FtsIndexer(db);

const stored = db.prepare('SELECT cursor FROM checkpoints WHERE tenant_id = ?').get(tenantId) as { cursor: string } | undefined;
let n = stored ? Number(/^batch-(\d+)$/.exec(stored.cursor)![1]) + 1 : 0;

// A short random pause after each batch (0–3 ms, about as long as a batch takes): kills land both
// inside and between transactions, and the workspace grows slowly enough to check it fully.
const pause = new Int32Array(new SharedArrayBuffer(4));
const rng = prng(seed + n);

process.stdout.write(`running ${n}\n`);
for (;;) {
  const events = crashBatch(seed, n);
  writer.ingestBatch({ tenantId, events, checkpoint: { cursor: `batch-${n}`, highWater: maxTs(events) } });
  // Index in small steps between batches, as the writer worker does when idle, so kills land there too.
  if (n % 3 === 0) indexer.step(40);
  n++;
  Atomics.wait(pause, 0, 0, rng() * 3);
}
