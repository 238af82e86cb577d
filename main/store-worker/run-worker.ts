/**
 * The loop of one SQLite worker thread. The writer opens the workspace read-write (and migrates
 * it); readers open it read-only. Each handles one request at a time; the host cancels a write
 * by an abort message the op checks between batches, and a read by writing the request's id
 * into a shared cell that the read's SQL checks every 256 rows (main/query/cancel-point.ts);
 * a read that does not stop at once has its worker terminated and replaced by the host.
 * When the writer has nothing to do it brings the full-text index up to date, a chunk at a time.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { CANCEL_POINT_FUNCTION, enableCancelPoints } from '../query/cancel-point.ts';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../store/open.ts';
import { FtsIndexer } from '../store/fts-indexer.ts';
import { readOps } from './read-ops.ts';
import { serializeError, type WorkerInit, type WorkerReply, type WorkerRequest } from './protocol.ts';
import { writeOps, type OpContext } from './write-ops.ts';

export type OpTable = Record<string, (args: never, ctx: OpContext) => unknown>;

/** The writer's ops a port may call (synchronous ones only: each runs whole between other requests). */
const PORT_OPS: readonly string[] = ['ingestSyncBatch'];

/** What a reader gets beside WorkerInit: one shared Int32 the host sets to the id of a read to stop. */
export interface ReaderCancelInit {
  cancelFlag?: Int32Array;
}

/** What a read stopped at a cancel point throws (the host has already answered its caller). */
class ReadCancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The read was cancelled.');
  }
}

/** Extra ops a caller adds beside the production tables (tests add slow reads this way). */
export interface ExtraOps {
  read?: (db: ReadDb) => OpTable;
  write?: (db: WriteDb) => OpTable;
}

export function runWorker(extra: ExtraOps = {}): void {
  const port = parentPort!;
  const init = workerData as WorkerInit & ReaderCancelInit;
  const post = (reply: WorkerReply) => port.postMessage(reply);

  try {
    const db = init.role === 'writer' ? openWorkspaceForWrite(init.workspacePath) : openWorkspaceForRead(init.workspacePath);
    let current: { id: number; abort: AbortController } | null = null;
    let closed = false;
    const cancelFlag = init.cancelFlag;
    if (init.role === 'reader' && cancelFlag) {
      (db as ReadDb).function(CANCEL_POINT_FUNCTION, { deterministic: false }, () => {
        if (current && Atomics.load(cancelFlag, 0) === current.id) throw new ReadCancelledError();
        return 1;
      });
      enableCancelPoints();
    }
    const ops: OpTable =
      init.role === 'writer'
        ? { ...writeOps(db as WriteDb), ...extra.write?.(db as WriteDb) }
        : { ...readOps(db as ReadDb), ...extra.read?.(db as ReadDb) };

    // Index only after the writer has been quiet for a moment, so a stream of batches is not
    // slowed by indexing between them; a 20,000-row step (~0.2 s) is the most a write then waits.
    const indexer = init.role === 'writer' ? new FtsIndexer(db as WriteDb) : null;
    let quietTimer: NodeJS.Timeout | undefined;
    const indexWhenIdle = () => {
      if (!indexer) return;
      clearTimeout(quietTimer);
      quietTimer = setTimeout(function tick() {
        if (closed || current) return;
        try {
          if (indexer.step(20_000) > 0) quietTimer = setTimeout(tick, 0);
        } catch (error) {
          console.error('[trailkeeper] full-text indexing failed:', error);
        }
      }, 250);
    };

    // Ports other threads write through (the sync worker's batches), served one synchronous op
    // at a time between the host's requests; PORT_OPS names the only ops they may call.
    const extraPorts = new Set<MessagePort>();
    const servePort = (other: MessagePort) => {
      extraPorts.add(other);
      other.on('close', () => extraPorts.delete(other));
      other.on('message', (msg: WorkerRequest) => {
        const reply = (r: WorkerReply) => other.postMessage(r);
        try {
          if (closed) throw new Error('The workspace is closed.');
          if (!PORT_OPS.includes(msg.op)) throw new Error(`The store operation ${msg.op} cannot be called over a port.`);
          reply({ id: msg.id, kind: 'result', value: ops[msg.op]!(msg.args as never, { signal: new AbortController().signal, report: () => {} }) });
        } catch (error) {
          reply({ id: msg.id, kind: 'error', error: serializeError(error) });
        }
        if (!current) indexWhenIdle();
      });
    };

    port.on('message', async (msg: WorkerRequest | { close: true } | { abort: number } | { connect: MessagePort }) => {
      if ('connect' in msg) {
        if (init.role === 'writer') servePort(msg.connect);
        else msg.connect.close();
        return;
      }
      if ('close' in msg) {
        closed = true;
        clearTimeout(quietTimer);
        for (const other of extraPorts) other.close();
        closeWorkspace(db);
        port.close();
        return;
      }
      if ('abort' in msg) {
        if (current?.id === msg.abort) current.abort.abort();
        return;
      }
      clearTimeout(quietTimer);
      const op = Object.hasOwn(ops, msg.op) ? ops[msg.op] : undefined;
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
        indexWhenIdle();
      }
    });
    port.postMessage({ ready: true });
    indexWhenIdle();
  } catch (error) {
    port.postMessage({ failed: serializeError(error) });
  }
}
