/**
 * rules.list, rules.run (with rules.progress and rules.cancel: rule-run-job.ts), rules.import (a Sigma file kept in the user rules folder beside the
 * workspace), findings.list and sql.run over the store host. A run's findings are
 * written as one run by the writer after the reader has found them; the console's refusals and
 * SQLite's own errors come back as invalid_input with the sentence, and its time limit cancels
 * the read (the host answers at once and sets a reader that does not stop aside).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadSigma } from '../rules/load.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { ruleRunJobs } from './rule-run-job.ts';
import { timed, toApiError } from './store-errors.ts';

export type RuleHandlers = Pick<Handlers, 'rules.list' | 'rules.run' | 'rules.progress' | 'rules.cancel' | 'rules.import' | 'findings.list' | 'sql.run'>;

export function ruleHandlers(store: StoreHost, packDir: string | null, userDir: string): RuleHandlers {
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(toApiError(error)));
  const dir = (): string => {
    if (packDir === null) throw new ApiError('not_found', 'This Trailkeeper has no rule pack (resources/rules is missing).');
    return packDir;
  };
  const jobs = ruleRunJobs(store);
  return {
    'rules.list': () => guard(() => store.read('rulesList', { dir: dir(), userDir })),
    'rules.run': ({ view, ruleIds }, { signal }) => guard(() => timed(() => jobs.run({ dir: dir(), userDir, view, ruleIds }, signal))),
    'rules.progress': () => Promise.resolve(jobs.progress()),
    'rules.cancel': () => Promise.resolve(jobs.cancel()),
    'rules.import': ({ fileName, text }) =>
      guard(async () => {
        const base = basename(fileName).replace(/\.ya?ml$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'rule';
        const rules = loadSigma(text, `user/${base}.yml`);
        const bad = rules.filter((r) => r.kind === 'invalid');
        if (rules.length === 0) throw new ApiError('invalid_input', `${fileName} holds no rule.`, { field: 'text' });
        if (bad.length) {
          throw new ApiError('invalid_input', `${fileName} was not imported: ${bad.map((r) => `${r.title || 'a rule'}: ${'reason' in r ? r.reason : ''}`).join('; ')}.`, { field: 'text' });
        }
        mkdirSync(userDir, { recursive: true, mode: 0o700 });
        writeFileSync(join(userDir, `${base}.yml`), text, { mode: 0o600 });
        const listed = (await store.read('rulesList', { dir: dir(), userDir })).rules;
        return { rules: listed.filter((r) => r.file === `user/${base}.yml`) };
      }),
    'findings.list': ({ runId }) => guard(() => store.read('findingsList', runId === undefined ? {} : { runId })),
    'sql.run': ({ sql, params, limit, timeoutMs }, { signal }) =>
      guard(() =>
        timed(async () => {
          const deadline = AbortSignal.timeout(timeoutMs);
          let out;
          try {
            out = await store.read('sqlRun', { sql, params, limit }, { signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
          } catch (error) {
            if (deadline.aborted && !signal?.aborted) {
              throw new ApiError('cancelled', `The query ran longer than its limit of ${timeoutMs / 1000} s and was stopped.`);
            }
            throw error;
          }
          if (!out.ok) throw new ApiError('invalid_input', out.error, { field: 'sql' });
          return { columns: out.columns, rows: out.rows, truncated: out.truncated };
        }),
      ),
  };
}
