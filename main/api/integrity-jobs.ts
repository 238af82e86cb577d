/**
 * Verify as a background job (the Tenants screen's "Check integrity"): integrity.start answers at
 * once, the verify runs in a reader worker reporting batches and events done, integrity.status
 * shows how far it has got and then its verdict, integrity.cancel stops it between batches
 * (docs/design.md §2 cancellation). One check runs at a time (asking again for the same scope
 * answers the running one). Finished jobs are kept for a while so a late poll still sees the verdict.
 */
import type { IntegrityJob, VerifyResult } from '../../common/contract.ts';
import { CancelledError, type StoreHost } from '../store-host/store-host.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { toApiError } from './store-errors.ts';

export type IntegrityHandlers = Pick<Handlers, 'integrity.start' | 'integrity.status' | 'integrity.cancel'>;

/** Finished jobs kept for integrity.status. */
const KEEP_FINISHED = 20;

interface Job {
  status: IntegrityJob;
  abort: AbortController;
}

const isProgress = (p: unknown): p is Pick<IntegrityJob, 'batchesDone' | 'batchesTotal' | 'eventsDone' | 'eventsTotal'> =>
  typeof p === 'object' && p !== null && 'batchesDone' in p && 'eventsTotal' in p;

const sameScope = (a: number[] | null, b: number[] | undefined) =>
  (a === null && b === undefined) || (a !== null && b !== undefined && a.length === b.length && a.every((id, i) => id === b[i]));

export function integrityHandlers(store: StoreHost): IntegrityHandlers & { settled(jobId: number): Promise<void> } {
  const jobs = new Map<number, Job>();
  const running = new Map<number, Promise<void>>();
  let nextId = 1;
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(toApiError(error)));
  const find = (jobId: number): Job => {
    const job = jobs.get(jobId);
    if (!job) throw new ApiError('not_found', `There is no integrity check with id ${jobId}; it may have ended long ago.`, { field: 'jobId' });
    return job;
  };
  const forgetOld = () => {
    const finished = [...jobs.values()].filter((j) => j.status.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.status.jobId);
  };

  async function run(job: Job, tenantIds: number[] | undefined): Promise<void> {
    const started = performance.now();
    try {
      const result = await store.read('verify', tenantIds ? { tenantIds } : {}, {
        signal: job.abort.signal,
        onProgress: (p) => {
          if (isProgress(p)) Object.assign(job.status, p);
        },
      });
      const verdict: VerifyResult = { ...result, tookMs: Math.round(performance.now() - started) };
      Object.assign(job.status, { state: 'done', result: verdict, batchesDone: result.batchesChecked, eventsDone: result.eventsChecked });
    } catch (error) {
      if (error instanceof CancelledError || job.abort.signal.aborted) {
        Object.assign(job.status, { state: 'cancelled', error: 'The integrity check was cancelled; nothing was concluded.' });
      } else {
        Object.assign(job.status, { state: 'failed', error: toApiError(error).message });
      }
    } finally {
      running.delete(job.status.jobId);
      forgetOld();
    }
  }

  return {
    'integrity.start': ({ tenantIds }) =>
      guard(async () => {
        if (tenantIds) {
          // An unknown tenant is a mistake to name, not a clean verdict over 0 events.
          const known = new Set((await store.read('tenants', undefined)).tenants.map((t) => t.id));
          const missing = tenantIds.filter((id) => !known.has(id));
          if (missing.length > 0) throw new ApiError('not_found', `There is no tenant with id ${missing.join(', ')} in this workspace.`, { field: 'tenantIds' });
        }
        // One check at a time: each holds a reader for its whole run, and the table needs the other.
        const current = [...jobs.values()].find((j) => j.status.state === 'running');
        if (current) {
          if (sameScope(current.status.tenantIds, tenantIds)) return { ...current.status };
          throw new ApiError('invalid_input', 'Another integrity check is running; wait for it to finish or cancel it, then start this one.', { field: 'tenantIds' });
        }
        const jobId = nextId++;
        const job: Job = {
          abort: new AbortController(),
          status: { jobId, tenantIds: tenantIds ?? null, state: 'running', batchesDone: 0, batchesTotal: 0, eventsDone: 0, eventsTotal: 0, result: null, error: null },
        };
        jobs.set(jobId, job);
        running.set(jobId, run(job, tenantIds));
        return { ...job.status };
      }),
    'integrity.status': ({ jobId }) => guard(async () => ({ ...find(jobId).status })),
    'integrity.cancel': ({ jobId }) =>
      guard(async () => {
        const job = find(jobId);
        if (job.status.state !== 'running') return { cancelled: false };
        job.abort.abort();
        await running.get(jobId);
        return { cancelled: true };
      }),
    settled: async (jobId) => {
      await running.get(jobId);
    },
  };
}
