/**
 * One rule run at a time, with its progress kept for `rules.progress` (the page polls it, as it
 * polls exports.list for an export) and a stop for `rules.cancel`. A cancelled run answers
 * `cancelled: true` with no findings and keeps nothing in the workspace: half a pack's findings
 * would read as "the other rules found nothing", and the previous run stays the latest.
 * The caller's own signal (a closed request, the IPC cancel) still ends the call as `cancelled`.
 */
import type { CallInput, RuleProgress, RuleRun } from '../../common/contract.ts';
import type { RuleRunProgress } from '../rules/progress.ts';
import { CancelledError, type StoreHost } from '../store-host/store-host.ts';
import { ApiError } from './errors.ts';

export const IDLE_PROGRESS: RuleProgress = { running: false, done: 0, total: 0, rule: null, findings: null, startedAt: null };

interface Job {
  stop: AbortController;
  progress: RuleProgress;
}

export interface RuleRunArgs {
  dir: string;
  userDir: string;
  view: CallInput<'rules.run'>['view'];
  ruleIds?: string[] | undefined;
}

export function ruleRunJobs(store: StoreHost, now: () => number = Date.now) {
  let current: Job | null = null;

  async function run(a: RuleRunArgs, signal?: AbortSignal): Promise<Omit<RuleRun, 'tookMs'>> {
    if (current) throw new ApiError('invalid_input', 'The rules are already running: wait for that run to end or cancel it.');
    const job: Job = { stop: new AbortController(), progress: { ...IDLE_PROGRESS, running: true, startedAt: now() } };
    current = job;
    const stopped = (): Omit<RuleRun, 'tookMs'> => ({ runId: null, findings: [], problems: [], truncated: [], cancelled: true });
    try {
      const out = await store.read(
        'rulesRun',
        { dir: a.dir, userDir: a.userDir, view: a.view, ...(a.ruleIds ? { ruleIds: a.ruleIds } : {}) },
        {
          signal: signal ? AbortSignal.any([signal, job.stop.signal]) : job.stop.signal,
          onProgress: (p) => {
            job.progress = { ...job.progress, ...(p as RuleRunProgress) };
          },
        },
      );
      if (out.cancelled || job.stop.signal.aborted) return stopped();
      const ruleCount = a.ruleIds?.length ?? (await store.read('rulesList', { dir: a.dir, userDir: a.userDir })).rules.length;
      const { runId } = await store.write('findingsSave', { view: a.view, ruleCount, cancelled: false, findings: out.findings, now: now() });
      return { runId, ...out };
    } catch (error) {
      if (error instanceof CancelledError && job.stop.signal.aborted && !signal?.aborted) return stopped();
      throw error;
    } finally {
      current = null;
    }
  }

  return {
    run,
    progress: (): RuleProgress => current?.progress ?? IDLE_PROGRESS,
    cancel: (): { cancelled: boolean } => {
      if (!current) return { cancelled: false };
      current.stop.abort();
      return { cancelled: true };
    },
  };
}
