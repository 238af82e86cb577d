/**
 * The sync worker's line to the store writer: requests on a MessagePort the writer serves beside
 * its main-thread queue (main/store-worker/run-worker.ts), so batches never pass through the main
 * thread. If the writer goes away, every request in flight fails with a sentence.
 */
import type { MessagePort } from 'node:worker_threads';
import type { BatchWriter } from '../sync/pull-runner.ts';

interface Reply {
  id: number;
  kind: 'result' | 'error' | 'progress';
  value?: unknown;
  error?: { name: string; message: string };
}

export class WriterLink implements BatchWriter {
  private readonly port: MessagePort;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private gone = false;

  constructor(port: MessagePort) {
    this.port = port;
    port.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p || reply.kind === 'progress') return;
      this.pending.delete(reply.id);
      if (reply.kind === 'result') p.resolve(reply.value);
      else {
        const error = new Error(reply.error?.message ?? 'The store writer failed.');
        error.name = reply.error?.name ?? 'StoreError';
        p.reject(error);
      }
    });
    port.on('close', () => {
      this.gone = true;
      for (const p of this.pending.values()) p.reject(this.goneError());
      this.pending.clear();
    });
  }

  private goneError(): Error {
    const error = new Error('The SQLite writer is closed; the batch was not stored.');
    error.name = 'StoreClosed';
    return error;
  }

  write(op: 'ingestSyncBatch', args: unknown): Promise<{ inserted: number; duplicates: number }> {
    if (this.gone) return Promise.reject(this.goneError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ id, op, args });
    });
  }

  close(): void {
    this.port.close();
  }
}
