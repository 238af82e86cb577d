/**
 * Messages between the sync worker host (main thread) and the sync worker thread. The worker is
 * handed a port to the store writer at start; batches go that way, never through the main thread.
 * Credentials travel in one `pull` message per run and are never logged on either side.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CommittedBatch, PullOrder } from './pull-runner.ts';

export interface SyncWorkerInit {
  /** How the worker builds its HTTP client (./http.ts): the CA file and the proxy variables. */
  caFile: string | null;
  env: Record<string, string | undefined>;
  /** The writer worker's end of a MessageChannel (StoreHost.connectWriter). */
  writer: MessagePort;
}

export type ToSyncWorker =
  | (PullOrder & {
      type: 'pull';
      job: number;
      /** The engine's clock: real (the worker uses its own) or the host's, read `now` and slept on by message. */
      clock: { real: true } | { real: false; now: number };
    })
  | { type: 'abort'; job: number }
  /** The worker thread's own CPU time so far (benchmarks compare it with the main thread's). */
  | { type: 'cpu'; seq: number }
  | { type: 'slept'; job: number; seq: number; now: number; aborted: boolean };

/** A failure as it crosses the thread: enough to rebuild a SyncError (retryable, Retry-After). */
export interface PullFailure {
  syncError: boolean;
  name: string;
  message: string;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
}

export type FromSyncWorker =
  | { type: 'committed'; job: number; batch: CommittedBatch }
  | { type: 'wait'; job: number; ms: number; reason: string }
  | { type: 'sleep'; job: number; seq: number; ms: number }
  | { type: 'done'; job: number }
  | { type: 'failed'; job: number; failure: PullFailure }
  | { type: 'cpu'; seq: number; usage: { user: number; system: number } };
