/**
 * How the engine has a tenant pulled and committed: a PullRunner runs one attempt of a pull from
 * a checkpoint, commits each batch with its checkpoint, reports each commit, and settles only
 * after the last commit it started has settled (so a retry re-reads the checkpoint really stored).
 *
 * Two runners: the sync worker (./sync-worker-host.ts; the app) fetches, parses, normalises and
 * hands batches to the writer thread off the main thread; the in-process one below runs a
 * connector on the caller's loop (engine tests with in-memory fake connectors).
 */
import type { Credentials, ConnectionConfig, PulledBatch, RemoteTenant, SyncCheckpoint, SyncClock } from './connector.ts';
import { connectorFor, type ConnectorRegistry } from './registry.ts';

/** What a pull is asked to do, as plain data: the part of a job that crosses to the sync worker thread. */
export interface PullOrder {
  conn: ConnectionConfig;
  tenant: RemoteTenant;
  tenantId: number;
  syncRunId: number;
  checkpoint: SyncCheckpoint | null;
  credentials: Credentials;
  since: number;
  overlapMs: number;
  /** `kind@version` of the normaliser the tenant's events go through, recorded with each batch; null when unknown. */
  normalizer: string | null;
}

export interface PullJob extends PullOrder {
  signal: AbortSignal;
  clock: SyncClock;
  onWait(ms: number, reason: string): void;
  onCommitted(batch: CommittedBatch): void;
}

/** A committed batch as the engine sees it: counts and checkpoint, never the events. */
export interface CommittedBatch {
  inserted: number;
  duplicates: number;
  checkpoint: SyncCheckpoint;
  problemCount: number;
  /** The first problem, for the log line. */
  firstProblem: { position: string; message: string } | null;
}

export type PullRunner = (job: PullJob) => Promise<void>;

/** The one store write a pull needs: the StoreHost on the main thread, the writer's port in the sync worker. */
export interface BatchWriter {
  write(op: 'ingestSyncBatch', args: ReturnType<typeof syncBatchArgs>): Promise<{ inserted: number; duplicates: number }>;
}

/** The arguments of the writer's `ingestSyncBatch` for one pulled batch. */
export function syncBatchArgs(job: Pick<PullJob, 'tenantId' | 'syncRunId' | 'normalizer'>, batch: PulledBatch) {
  return {
    tenantId: job.tenantId,
    events: batch.events,
    checkpoint: batch.checkpoint,
    syncRunId: job.syncRunId,
    derivedIds: batch.derivedIds ?? 0,
    // A record without its own id was normalised with a derived one its raw text lacks: such a
    // batch cannot be re-derived from raw, so it is recorded raw-only.
    normalizer: (batch.derivedIds ?? 0) > 0 ? null : job.normalizer,
  };
}

export function committedBatch(batch: PulledBatch, result: { inserted: number; duplicates: number }): CommittedBatch {
  return {
    inserted: result.inserted,
    duplicates: result.duplicates,
    checkpoint: batch.checkpoint,
    problemCount: batch.problems?.length ?? 0,
    firstProblem: batch.problems?.[0] ?? null,
  };
}

/**
 * Runs the connector on this thread. One commit may be in flight while the connector fetches and
 * parses the next page: the writer and the network overlap, and commits land in order.
 */
export function inProcessPulls(store: BatchWriter, connectors: ConnectorRegistry, fetchFn: typeof fetch): PullRunner {
  return async (job) => {
    let committing: Promise<void> | null = null;
    const settle = async () => {
      const c = committing;
      committing = null;
      if (c) await c;
    };
    try {
      const batches = connectorFor(connectors, job.conn.kind).pull(job.conn, job.tenant, job.checkpoint, {
        signal: job.signal,
        credentials: job.credentials,
        since: job.since,
        overlapMs: job.overlapMs,
        fetch: fetchFn,
        clock: job.clock,
        onWait: job.onWait,
      });
      for await (const batch of batches) {
        job.signal.throwIfAborted();
        await settle();
        const c: Promise<void> = store.write('ingestSyncBatch', syncBatchArgs(job, batch)).then((r) => job.onCommitted(committedBatch(batch, r)));
        c.catch(() => {}); // awaited by settle(); this only keeps it from being reported unhandled
        committing = c;
      }
    } finally {
      // A failed commit ends this attempt; a pull failure waits for the commit in flight.
      await settle();
    }
  };
}
