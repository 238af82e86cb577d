/**
 * The sync engine (docs/design.md §5): runs connectors' pulls for many tenants and commits what they
 * yield. Each pulled batch, its checkpoint and its run's counts commit in one store transaction,
 * so a crash at any point resumes from the last whole batch; the connectors re-read an overlap
 * window behind the high-water mark and the unique (tenant, source_id) drops the repeats.
 *
 * Failures: a retryable SyncError (429, 5xx, a dropped connection, a truncated page) resumes
 * the pull from the last committed checkpoint after an exponential backoff with jitter and a
 * ceiling, or after the source's own Retry-After; other failures end the tenant's run with its
 * sentence. At most `concurrency` tenants pull at once; one tenant failing never touches the
 * others; every run can be cancelled. Progress goes to subscribers as it happens.
 *
 * Where it runs: the orchestration (scheduling, the concurrency limit, retries, cancel, status
 * and progress) runs on the main thread; the pulls run through a PullRunner (./pull-runner.ts).
 * In the app that is the sync worker thread (./sync-worker-host.ts, main/sync-worker): fetching,
 * parsing and normalising a page (~33 µs of CPU per event) and handing the batch to the writer
 * happen there, over the worker's own port to the writer, so the main thread spends ~0.3 µs per
 * event on a sync (100,000 events, test/bench/sync.ts). One commit overlaps the next page's fetch.
 */
import type { SyncProgress } from '../../common/contract.ts';
import { CancelledError, type StoreHost } from '../store-host/store-host.ts';
import { isSourceKind, NORMALIZER_VERSIONS } from '../ingest/sources/index.ts';
import type { ConnectionConfig, Credentials, RemoteTenant, SyncCheckpoint, SyncClock } from './connector.ts';
import { SyncError } from './connector.ts';
import { inProcessPulls, type CommittedBatch, type PullRunner } from './pull-runner.ts';
import type { ConnectorRegistry } from './registry.ts';
import { redact, SecretStoreError } from '../secrets/secret-store.ts';
import type { SyncTarget } from '../store/connections.ts';

export interface RetryPolicy {
  /** First backoff (ms); each further failure doubles it. */
  baseMs: number;
  /** The ceiling on one backoff (ms). */
  maxMs: number;
  /** Failures in a row, without a committed batch between them, before the run gives up. */
  maxAttempts: number;
  /** The longest Retry-After honoured inside a run; a longer one ends the run with its sentence. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 8, maxRetryAfterMs: 15 * 60_000 };

/** The store as the engine uses it: the StoreHost's read and write (tests pass the real one). */
export type SyncStore = Pick<StoreHost, 'read' | 'write'>;

export interface SyncEngineOptions {
  store: SyncStore;
  connectors: ConnectorRegistry;
  /** The secret of a connection, straight from the key store; null when none is set. */
  credentials: (connectionId: number) => Promise<Credentials | null>;
  fetch: typeof fetch;
  /**
   * Who runs the pulls: the sync worker in the app (./sync-worker-host.ts), so fetching, parsing
   * and normalising never hold the main thread; by default the connectors run on this thread.
   */
  pulls?: PullRunner;
  /** Re-lists a connection's tenants before a scheduled run (new MSP customers join it). */
  relist?: (connectionId: number) => Promise<void>;
  concurrency?: number;
  /** How far behind the high-water mark each run re-reads (default 10 minutes). */
  overlapMs?: number;
  /** How much history a tenant's first sync fetches (default 90 days: Okta's retention). */
  historyMs?: number;
  retry?: Partial<RetryPolicy>;
  clock?: SyncClock;
  random?: () => number;
  log?: { warn(message: string): void; error(message: string): void };
}

export type SyncListener = (run: SyncProgress) => void;

export interface SyncFilter {
  connectionId?: number | undefined;
  tenantIds?: number[] | undefined;
}

interface Run {
  progress: SyncProgress;
  abort: AbortController;
  /** Where this run started, for the progress fraction. */
  fromTs: number;
  done: Promise<void>;
}

const DAY = 86_400_000;

const realClock: SyncClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

/** The delay before retry number `attempt` (1-based): exponential, capped, with equal jitter. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class SyncEngine {
  private readonly opts: SyncEngineOptions;
  private readonly retry: RetryPolicy;
  private readonly clock: SyncClock;
  private readonly random: () => number;
  private readonly log: { warn(message: string): void; error(message: string): void };
  private readonly runs = new Map<number, Run>();
  /** Finished runs' last progress, so a screen opened later still sees how each ended. */
  private readonly finished = new Map<number, SyncProgress>();
  private readonly listeners = new Set<SyncListener>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly lastAttempt = new Map<number, number>();
  private readonly pulls: PullRunner;

  constructor(opts: SyncEngineOptions) {
    this.opts = opts;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.log = opts.log ?? { warn: (m) => console.warn(m), error: (m) => console.error(m) };
    this.pulls = opts.pulls ?? inProcessPulls(opts.store, opts.connectors, opts.fetch);
  }

  subscribe(listener: SyncListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs in flight or queued, and the last state of finished ones (newest per tenant). */
  snapshot(): SyncProgress[] {
    const out = new Map(this.finished);
    for (const [id, run] of this.runs) out.set(id, run.progress);
    return [...out.values()];
  }

  isBusy(): boolean {
    return this.runs.size > 0;
  }

  /** Closes runs a crash left open; call once before the first sync. */
  async recover(): Promise<void> {
    const closed = await this.opts.store.write('closeInterruptedRuns', { now: this.clock.now() });
    if (closed > 0) this.log.warn(`[trailkeeper] ${closed} interrupted sync run(s) closed; they resume from their checkpoints.`);
  }

  /**
   * Queues a run for each matching tenant that is not already queued or running. (Sync now
   * re-lists tenants before calling this; a scheduled tick re-lists them through `relist`.)
   */
  async start(filter: SyncFilter = {}): Promise<number[]> {
    if (this.closed) throw new SyncError('Sync is shutting down.');
    const targets = await this.opts.store.read('syncTargets', {
      ...(filter.connectionId !== undefined ? { connectionId: filter.connectionId } : {}),
      ...(filter.tenantIds ? { tenantIds: filter.tenantIds } : {}),
    });
    const queued: number[] = [];
    for (const target of targets) {
      if (this.runs.has(target.tenantId)) continue;
      const abort = new AbortController();
      const progress: SyncProgress = {
        tenantId: target.tenantId,
        connectionId: target.connectionId,
        tenantName: target.name,
        state: 'queued',
        startedAt: null,
        finishedAt: null,
        inserted: 0,
        duplicates: 0,
        problems: 0,
        highWater: null,
        fraction: null,
        note: null,
        error: null,
      };
      const run: Run = { progress, abort, fromTs: 0, done: Promise.resolve() };
      this.runs.set(target.tenantId, run);
      this.lastAttempt.set(target.tenantId, this.clock.now());
      this.emit(run);
      run.done = this.runQueued(run, target).finally(() => {
        this.runs.delete(target.tenantId);
        this.finished.set(target.tenantId, run.progress);
      });
      queued.push(target.tenantId);
    }
    return queued;
  }

  /** Cancels queued and running runs that match (all when no filter); returns how many. */
  cancel(filter: SyncFilter = {}): number {
    let n = 0;
    for (const run of this.runs.values()) {
      if (filter.connectionId !== undefined && run.progress.connectionId !== filter.connectionId) continue;
      if (filter.tenantIds && !filter.tenantIds.includes(run.progress.tenantId)) continue;
      if (!run.abort.signal.aborted) {
        run.abort.abort(new CancelledError());
        n++;
      }
    }
    return n;
  }

  /** Resolves when no run is queued or running. */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  /** Checks every `tickMs` for tenants whose interval has passed since their last attempt. */
  startSchedule(tickMs = 60_000): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  /**
   * Starts the tenants whose interval has passed. Their connections' tenants are re-listed first
   * (when a `relist` is given): a customer new since the last run joins this run of its connection
   * and keeps that connection's interval from then on.
   */
  async tick(): Promise<number[]> {
    if (this.closed) return [];
    const now = this.clock.now();
    const targets = await this.opts.store.read('syncTargets', {});
    const due = targets.filter((t) => {
      if (t.intervalMin === null || this.runs.has(t.tenantId)) return false;
      const last = Math.max(t.lastSuccess ?? 0, this.lastAttempt.get(t.tenantId) ?? 0);
      return now - last >= t.intervalMin * 60_000;
    });
    if (due.length === 0) return [];
    const ids = due.map((t) => t.tenantId);
    if (this.opts.relist) {
      const known = new Set(targets.map((t) => t.tenantId));
      for (const connectionId of new Set(due.map((t) => t.connectionId))) {
        await this.opts.relist(connectionId);
        const interval = Math.min(...due.filter((t) => t.connectionId === connectionId).map((t) => t.intervalMin!));
        for (const t of await this.opts.store.read('syncTargets', { connectionId })) {
          if (known.has(t.tenantId)) continue;
          await this.opts.store.write('setSyncInterval', { tenantId: t.tenantId, minutes: interval });
          ids.push(t.tenantId);
        }
      }
    }
    return this.start({ tenantIds: ids });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.cancel();
    await this.idle();
  }

  private emit(run: Run): void {
    const snapshot = { ...run.progress };
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        this.log.error(`[trailkeeper] a sync progress listener failed: ${(error as Error).message}`);
      }
    }
  }

  private async acquireSlot(signal: AbortSignal): Promise<void> {
    const limit = Math.max(1, this.opts.concurrency ?? 3);
    if (this.active < limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private releaseSlot(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  private async runQueued(run: Run, t: SyncTarget): Promise<void> {
    const signal = run.abort.signal;
    try {
      await this.acquireSlot(signal);
    } catch {
      this.end(run, 'cancelled', null);
      return;
    }
    let runId: number | null = null;
    let secret: string | null = null;
    try {
      runId = await this.opts.store.write('startSyncRun', { tenantId: t.tenantId, kind: 'sync', now: this.clock.now() });
      run.progress = { ...run.progress, state: 'running', startedAt: this.clock.now() };
      this.emit(run);
      const conn = await this.opts.store.read('connection', { id: t.connectionId });
      if (!conn) throw new SyncError(`The connection of ${t.name} no longer exists.`);
      const credentials = await this.opts.credentials(t.connectionId);
      if (!credentials) throw new SyncError(`No secret is stored for ${conn.label}: enter it in Connections.`);
      secret = credentials.secret;
      await this.pullWithRetries(run, runId, conn as ConnectionConfig, t, credentials);
      await this.finish(run, runId, 'ok', null);
    } catch (error) {
      if (signal.aborted) {
        await this.finish(run, runId, 'cancelled', null);
      } else {
        const sentence = this.sentence(error, secret, t.name);
        await this.finish(run, runId, 'failed', sentence);
      }
    } finally {
      this.releaseSlot();
    }
  }

  private async pullWithRetries(run: Run, runId: number, conn: ConnectionConfig, t: SyncTarget, credentials: Credentials): Promise<void> {
    const signal = run.abort.signal;
    const tenant: RemoteTenant = { externalId: t.externalId, name: t.name, sourceKind: t.sourceKind, options: t.options };
    const now = this.clock.now();
    const since = now - (this.opts.historyMs ?? 90 * DAY);
    let failures = 0;
    for (;;) {
      signal.throwIfAborted();
      const checkpoint: SyncCheckpoint | null = await this.opts.store.read('checkpoint', { tenantId: t.tenantId });
      if (run.fromTs === 0) run.fromTs = checkpoint?.highWater ?? since;
      try {
        await this.pulls({
          conn,
          tenant,
          tenantId: t.tenantId,
          syncRunId: runId,
          checkpoint,
          credentials,
          since,
          overlapMs: this.opts.overlapMs ?? 10 * 60_000,
          normalizer: isSourceKind(t.sourceKind) ? `${t.sourceKind}@${NORMALIZER_VERSIONS[t.sourceKind]}` : null,
          signal,
          clock: this.clock,
          onWait: (ms, reason) => {
            run.progress = { ...run.progress, state: 'waiting', note: `${reason}: waiting ${Math.ceil(ms / 1000)} s` };
            this.emit(run);
          },
          onCommitted: (batch) => {
            failures = 0;
            this.committed(run, t.tenantId, batch);
          },
        });
        return;
      } catch (error) {
        // The runner settles after its last commit, so the retry starts from the stored checkpoint.
        if (signal.aborted) throw error;
        const retryable = !(error instanceof SyncError) || error.retryable;
        failures++;
        if (!retryable || failures >= this.retry.maxAttempts) throw error;
        const asked = error instanceof SyncError ? error.retryAfterMs : undefined;
        if (asked !== undefined && asked > this.retry.maxRetryAfterMs) throw error;
        const delay = asked !== undefined ? asked + Math.round(this.random() * Math.min(1_000, asked * 0.1)) : backoffMs(failures, this.retry, this.random);
        const why = this.sentence(error, credentials.secret, t.name);
        this.log.warn(`[trailkeeper] sync of tenant ${t.tenantId} will retry in ${delay} ms (attempt ${failures}): ${why}`);
        run.progress = { ...run.progress, state: 'waiting', note: `${why} Retrying in ${Math.ceil(delay / 1000)} s.` };
        this.emit(run);
        await this.clock.sleep(delay, signal);
      }
    }
  }

  private committed(run: Run, tenantId: number, batch: CommittedBatch): void {
    const p = run.progress;
    const highWater = batch.checkpoint.highWater ?? p.highWater;
    const started = p.startedAt ?? this.clock.now();
    const span = started - run.fromTs;
    const fraction = highWater !== null && span > 0 ? Math.min(1, Math.max(0, (highWater - run.fromTs) / span)) : p.fraction;
    run.progress = {
      ...p,
      state: 'running',
      note: null,
      inserted: p.inserted + batch.inserted,
      duplicates: p.duplicates + batch.duplicates,
      problems: p.problems + batch.problemCount,
      highWater,
      fraction,
    };
    if (batch.firstProblem) {
      this.log.warn(`[trailkeeper] tenant ${tenantId}: ${batch.problemCount} record(s) could not be read, first at ${batch.firstProblem.position}: ${batch.firstProblem.message}`);
    }
    this.emit(run);
  }

  private async finish(run: Run, runId: number | null, status: 'ok' | 'failed' | 'cancelled', error: string | null): Promise<void> {
    if (status === 'failed') this.log.warn(`[trailkeeper] sync of ${run.progress.tenantName} (tenant ${run.progress.tenantId}) failed: ${error}`);
    if (runId !== null) {
      try {
        await this.opts.store.write('finishSyncRun', { runId, status, error, now: this.clock.now() });
      } catch (e) {
        this.log.error(`[trailkeeper] could not record the end of sync run ${runId}: ${(e as Error).message}`);
      }
    }
    this.end(run, status, error);
  }

  private end(run: Run, status: 'ok' | 'failed' | 'cancelled', error: string | null): void {
    run.progress = {
      ...run.progress,
      state: status,
      finishedAt: this.clock.now(),
      error,
      note: null,
      fraction: status === 'ok' ? 1 : run.progress.fraction,
    };
    this.emit(run);
  }

  /** The failure as one sentence for the user, with the secret scrubbed whatever produced it. */
  private sentence(error: unknown, secret: string | null, tenantName: string): string {
    const secrets = secret ? [secret] : [];
    if (error instanceof SyncError || error instanceof SecretStoreError) return redact(error.message, secrets);
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.log.error(`[trailkeeper] sync of ${tenantName} failed unexpectedly: ${redact(detail, secrets)}`);
    return `The sync of ${tenantName} failed unexpectedly (${redact(detail, secrets).slice(0, 200)}); the details are in the log.`;
  }
}
