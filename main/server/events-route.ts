/**
 * `GET /events`: sync progress as server-sent events, for browser mode. The page reads it with
 * fetch() streaming, because EventSource cannot send the token header every API request needs.
 * The stream opens with a snapshot of the runs, then one message per progress change. A slow
 * reader never makes the host buffer without bound: while the socket is full, only the newest
 * progress per tenant is kept, and it is written when the socket drains. A comment line every
 * 15 s keeps proxies and the browser from timing the stream out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SyncEvent, SyncProgress } from '../../common/contract.ts';

export interface SyncEventSource {
  subscribe(listener: (run: SyncProgress) => void): () => void;
  snapshot(): SyncProgress[];
}

export const HEARTBEAT_MS = 15_000;

const frame = (event: SyncEvent) => `data: ${JSON.stringify(event)}\n\n`;

export function serveEvents(req: IncomingMessage, res: ServerResponse, source: SyncEventSource, heartbeatMs = HEARTBEAT_MS): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
  });
  res.write(frame({ type: 'snapshot', runs: source.snapshot() }));
  const pending = new Map<number, SyncProgress>();
  const flush = () => {
    for (const [tenantId, run] of pending) {
      pending.delete(tenantId);
      if (!res.write(frame({ type: 'progress', run }))) return;
    }
  };
  res.on('drain', flush);
  const unsubscribe = source.subscribe((run) => {
    if (res.writableNeedDrain) pending.set(run.tenantId, run);
    else res.write(frame({ type: 'progress', run }));
  });
  const heartbeat = setInterval(() => res.writableNeedDrain || res.write(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  return new Promise((resolve) => {
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      resolve();
    };
    req.once('close', stop);
    res.once('close', stop);
  });
}
