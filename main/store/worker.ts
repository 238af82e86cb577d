/**
 * A SQLite worker thread. The writer opens the workspace read-write (and migrates it); readers
 * open it read-only. Each handles one request at a time; the host cancels by terminating it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite, type ReadDb, type WriteDb } from './open.ts';
import { readOps } from './read-ops.ts';
import { serializeError, type WorkerInit, type WorkerReply, type WorkerRequest } from './worker-protocol.ts';
import { writeOps, type OpContext } from './write-ops.ts';

const port = parentPort!;
const init = workerData as WorkerInit;
const post = (reply: WorkerReply) => port.postMessage(reply);

try {
  const db = init.role === 'writer' ? openWorkspaceForWrite(init.workspacePath) : openWorkspaceForRead(init.workspacePath);
  let current: { id: number; abort: AbortController } | null = null;
  const ops: Record<string, (args: never, ctx: OpContext) => unknown> =
    init.role === 'writer' ? writeOps(db as WriteDb) : readOps(db as ReadDb);

  port.on('message', async (msg: WorkerRequest | { close: true } | { abort: number }) => {
    if ('close' in msg) {
      closeWorkspace(db);
      port.close();
      return;
    }
    if ('abort' in msg) {
      if (current?.id === msg.abort) current.abort.abort();
      return;
    }
    const op = ops[msg.op];
    const job = { id: msg.id, abort: new AbortController() };
    current = job;
    const ctx: OpContext = {
      signal: job.abort.signal,
      report: (progress) => post({ id: job.id, kind: 'progress', progress }),
    };
    try {
      if (!op) throw new Error(`Unknown store operation ${msg.op}`);
      post({ id: msg.id, kind: 'result', value: await op(msg.args as never, ctx) });
    } catch (error) {
      post({ id: msg.id, kind: 'error', error: serializeError(error) });
    } finally {
      current = null;
    }
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ failed: serializeError(error) });
}
