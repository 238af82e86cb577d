/**
 * The loop of the sync worker thread (docs/design.md §2: long work never runs on the main thread). For
 * each `pull` message it runs the connector from the given checkpoint: HTTP, JSON parsing and
 * normalising happen here, and each batch goes straight to the store writer over its port. The
 * main thread hears only small messages: each commit's counts and checkpoint, rate-limit waits,
 * and how the attempt ended. Credentials arrive with each pull and live only for its run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SyncError, type SyncClock } from '../sync/connector.ts';
import { CONNECTORS } from '../sync/connectors/index.ts';
import { systemClock } from '../sync/connectors/rate-limit.ts';
import { createSyncHttp } from '../sync/http.ts';
import type { FromSyncWorker, PullFailure, SyncWorkerInit, ToSyncWorker } from '../sync/pull-protocol.ts';
import { inProcessPulls } from '../sync/pull-runner.ts';
import { createRegistry } from '../sync/registry.ts';
import { WriterLink } from './writer-link.ts';

type Pull = Extract<ToSyncWorker, { type: 'pull' }>;

interface Job {
  abort: AbortController;
  /** The host's clock as of its last message (a test's clock), and the sleeps waiting on it. */
  now: number;
  sleeps: Map<number, { resolve(): void; reject(e: unknown): void }>;
  nextSleep: number;
}

export function failureOf(error: unknown): PullFailure {
  if (error instanceof SyncError) {
    return {
      syncError: true,
      name: error.name,
      message: error.message,
      retryable: error.retryable,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { syncError: false, name: e.name, message: e.message, retryable: true };
}

export function runSyncWorker(): void {
  const port = parentPort!;
  const init = workerData as SyncWorkerInit;
  let http: ReturnType<typeof createSyncHttp>;
  try {
    http = createSyncHttp({ caFile: init.caFile, env: init.env });
  } catch (error) {
    port.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    return;
  }
  const writer = new WriterLink(init.writer);
  const pulls = inProcessPulls(writer, createRegistry(Object.values(CONNECTORS)), http.fetch);
  const jobs = new Map<number, Job>();
  const post = (msg: FromSyncWorker) => port.postMessage(msg);

  const hostClock = (id: number, job: Job): SyncClock => ({
    now: () => job.now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const seq = job.nextSleep++;
        job.sleeps.set(seq, { resolve, reject });
        post({ type: 'sleep', job: id, seq, ms });
      }),
  });

  const run = async (msg: Pull) => {
    const job: Job = { abort: new AbortController(), now: msg.clock.real ? 0 : msg.clock.now, sleeps: new Map(), nextSleep: 1 };
    jobs.set(msg.job, job);
    job.abort.signal.addEventListener('abort', () => {
      for (const s of job.sleeps.values()) s.reject(job.abort.signal.reason);
      job.sleeps.clear();
    });
    try {
      await pulls({
        conn: msg.conn,
        tenant: msg.tenant,
        tenantId: msg.tenantId,
        syncRunId: msg.syncRunId,
        checkpoint: msg.checkpoint,
        credentials: msg.credentials,
        since: msg.since,
        overlapMs: msg.overlapMs,
        normalizer: msg.normalizer,
        signal: job.abort.signal,
        clock: msg.clock.real ? systemClock : hostClock(msg.job, job),
        onWait: (ms, reason) => post({ type: 'wait', job: msg.job, ms, reason }),
        onCommitted: (batch) => post({ type: 'committed', job: msg.job, batch }),
      });
      post({ type: 'done', job: msg.job });
    } catch (error) {
      post({ type: 'failed', job: msg.job, failure: failureOf(error) });
    } finally {
      jobs.delete(msg.job);
    }
  };

  port.on('message', (msg: ToSyncWorker | { close: true }) => {
    if ('close' in msg) {
      for (const job of jobs.values()) job.abort.abort(new SyncError('Sync is shutting down.'));
      writer.close();
      void http.close().finally(() => port.close());
      return;
    }
    if (msg.type === 'cpu') port.postMessage({ type: 'cpu', seq: msg.seq, usage: process.threadCpuUsage() } satisfies FromSyncWorker);
    else if (msg.type === 'pull') void run(msg);
    else if (msg.type === 'abort') jobs.get(msg.job)?.abort.abort(new SyncError('The sync was cancelled.'));
    else {
      const job = jobs.get(msg.job);
      const sleep = job?.sleeps.get(msg.seq);
      if (!job || !sleep) return;
      job.sleeps.delete(msg.seq);
      job.now = msg.now;
      if (msg.aborted) sleep.reject(new SyncError('The sync was cancelled.'));
      else sleep.resolve();
    }
  });
  port.postMessage({ ready: true });
}
