/**
 * Runs pulls in the sync worker thread (main/sync-worker), so the main thread keeps only the
 * orchestration: the engine schedules, retries, cancels and reports; the worker fetches, parses,
 * normalises and hands each batch to the store writer over a port of its own. This is the
 * engine's PullRunner for the app. Credentials go to the worker in the pull message only.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { SyncError } from './connector.ts';
import type { FromSyncWorker, PullFailure, SyncWorkerInit, ToSyncWorker } from './pull-protocol.ts';
import type { PullJob, PullRunner } from './pull-runner.ts';

export interface SyncWorkerOptions {
  /** main/sync-worker/entry.ts from source, out/main/sync-worker.js when built. */
  url: URL;
  /** The store writer's end for this worker (StoreHost.connectWriter()). */
  writerPort: MessagePort;
  caFile: string | null;
  env: Record<string, string | undefined>;
  /** Whether the engine runs on the real clock (else the worker reads and sleeps on the host's). */
  realClock: boolean;
}

/** A failure from the worker as the engine knows it: a SyncError keeps its retry facts. */
export function rebuildFailure(f: PullFailure): Error {
  if (f.syncError) {
    return new SyncError(f.message, {
      retryable: f.retryable,
      ...(f.status !== undefined ? { status: f.status } : {}),
      ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
    });
  }
  const error = new Error(f.message);
  error.name = f.name;
  return error;
}

interface Running {
  job: PullJob;
  resolve(): void;
  reject(error: Error): void;
}

export class SyncWorkerHost {
  private readonly worker: Worker;
  private readonly running = new Map<number, Running>();
  private readonly realClock: boolean;
  private nextJob = 1;
  private readonly cpuAsks = new Map<number, (usage: { user: number; system: number }) => void>();
  private exited = false;
  readonly ready: Promise<void>;

  private constructor(opts: SyncWorkerOptions) {
    this.realClock = opts.realClock;
    const init: SyncWorkerInit = { caFile: opts.caFile, env: opts.env, writer: opts.writerPort };
    this.worker = new Worker(opts.url, { workerData: init, transferList: [opts.writerPort] });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (msg: { ready?: true; failed?: string }) => {
        if (msg.failed) reject(new SyncError(msg.failed));
        else resolve();
        this.worker.on('message', (m: FromSyncWorker) => this.onMessage(m));
      });
      this.worker.once('error', reject);
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      for (const r of this.running.values()) r.reject(new SyncError(`The sync worker stopped (exit code ${code}); the run resumes from its last checkpoint.`));
      this.running.clear();
    });
  }

  static async start(opts: SyncWorkerOptions): Promise<SyncWorkerHost> {
    const host = new SyncWorkerHost(opts);
    try {
      await host.ready;
    } catch (error) {
      await host.worker.terminate();
      throw error;
    }
    return host;
  }

  private post(msg: ToSyncWorker | { close: true }): void {
    this.worker.postMessage(msg);
  }

  private onMessage(msg: FromSyncWorker): void {
    if (msg.type === 'cpu') {
      this.cpuAsks.get(msg.seq)?.(msg.usage);
      this.cpuAsks.delete(msg.seq);
      return;
    }
    const r = this.running.get(msg.job);
    if (!r) return;
    const { job } = r;
    switch (msg.type) {
      case 'committed':
        return job.onCommitted(msg.batch);
      case 'wait':
        return job.onWait(msg.ms, msg.reason);
      case 'sleep':
        job.clock.sleep(msg.ms, job.signal).then(
          () => this.post({ type: 'slept', job: msg.job, seq: msg.seq, now: job.clock.now(), aborted: false }),
          () => this.post({ type: 'slept', job: msg.job, seq: msg.seq, now: job.clock.now(), aborted: true }),
        );
        return;
      case 'done':
        this.running.delete(msg.job);
        return r.resolve();
      case 'failed':
        this.running.delete(msg.job);
        return r.reject(job.signal.aborted ? (job.signal.reason as Error) : rebuildFailure(msg.failure));
    }
  }

  /** The engine's PullRunner: one attempt of one tenant's pull, in the worker. */
  readonly pulls: PullRunner = (job) => {
    if (this.exited) return Promise.reject(new SyncError('The sync worker has stopped; restart Trailkeeper.'));
    job.signal.throwIfAborted();
    const id = this.nextJob++;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => this.post({ type: 'abort', job: id });
      job.signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => job.signal.removeEventListener('abort', onAbort);
      this.running.set(id, {
        job,
        resolve: () => (settle(), resolve()),
        reject: (e) => (settle(), reject(e)),
      });
      this.post({
        type: 'pull',
        job: id,
        conn: job.conn,
        tenant: job.tenant,
        tenantId: job.tenantId,
        syncRunId: job.syncRunId,
        checkpoint: job.checkpoint,
        credentials: job.credentials,
        since: job.since,
        overlapMs: job.overlapMs,
        normalizer: job.normalizer,
        clock: this.realClock ? { real: true } : { real: false, now: job.clock.now() },
      });
    });
  };

  /** The worker thread's CPU time so far, in µs (process.threadCpuUsage inside it). */
  cpuUsage(): Promise<{ user: number; system: number }> {
    const seq = this.nextJob++;
    return new Promise((resolve) => {
      this.cpuAsks.set(seq, resolve);
      this.post({ type: 'cpu', seq });
    });
  }

  /** Stops the worker once the engine has no run left (the engine's close waits for them). */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.post({ close: true });
    await exited;
  }
}
