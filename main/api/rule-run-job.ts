/**
 * One rule run at a time, with its progress kept for `rules.progress` (the page polls it, as it
 * polls exports.list for an export) and a stop for `rules.cancel`. A cancelled run answers
 * `cancelled: true` with no findings and keeps nothing in the workspace: half a pack's findings
 * would read as "the other rules found nothing", and the previous run stays the latest.
 * The caller's own signal (a closed request, the IPC cancel) still ends the call as `cancelled`.
 * The SQL rules run on a second reader beside the rest (run.ts RulePart): on two cores the pack
 * takes about as long as its longer half instead of both; the rows lane keeps the table served.
 */
import type { CallInput, RuleProgress, RuleRun } from '../../common/contract.ts';
import type { RuleRunProgress } from '../rules/progress.ts';
import type { RulePart, RunResult } from '../rules/run.ts';
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

/** The halves' progress as one: rules done of all, what runs (the sweep or a rule; either half's), findings so far. */
function sumProgress(parts: readonly RuleRunProgress[]): RuleRunProgress {
  const running = parts.map((p) => p.rule).filter((r): r is string => r !== null);
  return {
    done: parts.reduce((n, p) => n + p.done, 0),
    total: parts.reduce((n, p) => n + p.total, 0),
    rule: running.length > 0 ? running.join(' · ') : null,
    findings: parts.some((p) => p.findings !== null) ? parts.reduce((n, p) => n + (p.findings ?? 0), 0) : null,
  };
}

/** One result from the two halves, findings in the order one run gives (time, then rule id). */
function mergeParts([detections, sql]: [RunResult, RunResult]): RunResult {
  return {
    findings: [...detections.findings, ...sql.findings].sort((x, y) => x.ts - y.ts || x.ruleId.localeCompare(y.ruleId)),
    problems: [...detections.problems, ...sql.problems],
    truncated: [...detections.truncated, ...sql.truncated],
    cancelled: detections.cancelled || sql.cancelled,
  };
}

export function ruleRunJobs(store: StoreHost, now: () => number = Date.now) {
  let current: Job | null = null;

  async function run(a: RuleRunArgs, signal?: AbortSignal): Promise<Omit<RuleRun, 'tookMs'>> {
    if (current) throw new ApiError('invalid_input', 'The rules are already running: wait for that run to end or cancel it.');
    const job: Job = { stop: new AbortController(), progress: { ...IDLE_PROGRESS, running: true, startedAt: now() } };
    current = job;
    const stopped = (): Omit<RuleRun, 'tookMs'> => ({ runId: null, findings: [], problems: [], truncated: [], cancelled: true });
    const partProgress = new Map<RulePart, RuleRunProgress>();
    const runPart = (part: RulePart) =>
      store.read(
        'rulesRun',
        { dir: a.dir, userDir: a.userDir, view: a.view, part, ...(a.ruleIds ? { ruleIds: a.ruleIds } : {}) },
        {
          signal: signal ? AbortSignal.any([signal, job.stop.signal]) : job.stop.signal,
          onProgress: (p) => {
            partProgress.set(part, p as RuleRunProgress);
            job.progress = { ...job.progress, ...sumProgress([...partProgress.values()]) };
          },
        },
      );
    try {
      const out = mergeParts(await Promise.all([runPart('detections'), runPart('sql')]));
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
