/**
 * The contract's export calls over the store host. An export runs in a reader worker and is
 * answered at once with its running record; progress (rows, bytes) shows in `exports.list`
 * until it ends, and its end is written to the workspace's history whatever happens. In the
 * desktop app (a `desktop` capability) a new export asks the Save dialog where to go, and the
 * history can reveal a recorded export in its folder; a recorded export can be run again.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { calls, type CallName, type ExportRecord } from '../../common/contract.ts';
import type { Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import { toApiError } from '../api/store-errors.ts';
import { compileQuery } from '../query/compile.ts';
import { QuerySyntaxError } from '../query/errors.ts';
import { CancelledError, StoreError, type StoreHost } from '../store-host/store-host.ts';
import type { ExportHistoryRow } from '../store-worker/export-ops.ts';
import { csvChoices, extensionFor, type ExportFormat } from './formats.ts';
import type { DesktopExports } from './desktop-exports.ts';
import { defaultExportName, findingsExportName } from './names.ts';

export const EXPORT_CALLS = ['exports.start', 'exports.cancel', 'exports.list', 'exports.verify', 'exports.rerun', 'exports.reveal', 'exports.downloadTicket', 'findings.export'] as const satisfies readonly CallName[];
export type ExportHandlers = Pick<Handlers, (typeof EXPORT_CALLS)[number]>;

export interface ExportHandlerOptions {
  store: StoreHost;
  version: string;
  workspacePath: string;
  transport: 'ipc' | 'http' | 'cli';
  now?: () => number;
  /** The desktop app's Save dialog and Reveal in folder; absent over HTTP and on the command line. */
  desktop?: DesktopExports | null;
}

type StartInput = z.output<(typeof calls)['exports.start']['input']>;
type FindingsInput = z.output<(typeof calls)['findings.export']['input']>;
/** What an export's file is named after: a view's scope and format, or a rule run's findings list. */
type Naming = { format: ExportFormat; view: { scope: Parameters<typeof defaultExportName>[0] } } | { findingsRunId: number; format: FindingsInput['format'] };

const NOT_DESKTOP_REVEAL = 'Reveal in folder works in the desktop app; here, use Download in the export history to get the file.';
/** Download links are minted by the HTTP host (main/server/download-tickets.ts), which replaces this answer. */
const NO_DOWNLOAD_LINKS = 'Download links are for browser mode: here the export is already on disk where you saved it (Reveal in folder shows it).';

interface Job {
  abort: AbortController;
  rows: number;
  bytes: number;
  done: Promise<void>;
}

const guard = <T>(work: () => Promise<T>): Promise<T> => work().catch((error: unknown) => Promise.reject(toApiError(error)));

/** The folder exports go to when no path is given: `exports/` beside the workspace file. */
export function exportsFolder(workspacePath: string): string {
  return join(dirname(workspacePath), 'exports');
}

function toRecord(row: ExportHistoryRow, job: Job | undefined): ExportRecord {
  let view: unknown;
  try {
    view = JSON.parse(row.view);
  } catch {
    view = row.view;
  }
  return {
    ...row,
    name: basename(row.path),
    view,
    rows: job ? job.rows : row.rows,
    bytes: job ? job.bytes : row.bytes,
  };
}

export function exportHandlers(opts: ExportHandlerOptions): ExportHandlers & { settled(id: number): Promise<void> } {
  const { store } = opts;
  const now = opts.now ?? Date.now;
  const jobs = new Map<number, Job>();
  let cleaned: Promise<unknown> | null = null;
  // Exports a crash left running are closed before this process lists or starts any.
  const ready = () => (cleaned ??= store.write('closeInterruptedExports', { now: now() }));

  async function record(id: number): Promise<ExportRecord> {
    const [row] = await store.read('listExports', { limit: 1, id });
    if (!row) throw new ApiError('not_found', `There is no export with id ${id} in this workspace.`, { field: 'id' });
    return toRecord(row, jobs.get(id));
  }

  /** A free name `<base>[-n].<ext>` in `folder` (neither it nor its partial file exists). */
  async function freePath(folder: string, input: Naming): Promise<string> {
    const base = 'findingsRunId' in input ? findingsExportName(input.findingsRunId, new Date(now())) : defaultExportName(input.view.scope, (await store.read('tenants', undefined)).tenants, new Date(now()));
    const ext = 'findingsRunId' in input ? input.format : extensionFor(input.format);
    for (let n = 1; ; n++) {
      const path = join(folder, `${base}${n > 1 ? `-${n}` : ''}.${ext}`);
      if (!existsSync(path) && !existsSync(`${path}.partial`)) return path;
    }
  }

  async function choosePath(input: Naming & { path?: string | undefined }): Promise<string> {
    if (input.path === undefined && opts.desktop) {
      // The desktop app asks where to save, offering the default name in the exports folder.
      const folder = exportsFolder(opts.workspacePath);
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const chosen = await opts.desktop.chooseSavePath(await freePath(folder, input));
      if (chosen === null) throw new ApiError('cancelled', 'The save dialog was closed, so nothing was exported.');
      return choosePath({ ...input, path: chosen });
    }
    if (input.path !== undefined) {
      if (opts.transport === 'http') {
        throw new ApiError('invalid_input', 'Over HTTP an export goes to the workspace\'s exports folder and downloads from there: leave out path.', { field: 'path' });
      }
      if (!isAbsolute(input.path)) throw new ApiError('invalid_input', `The export path must be absolute: ${input.path}`, { field: 'path' });
      if (!existsSync(dirname(input.path))) throw new ApiError('invalid_input', `The folder ${dirname(input.path)} does not exist.`, { field: 'path' });
      return input.path;
    }
    const folder = exportsFolder(opts.workspacePath);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return freePath(folder, input);
  }

  /** A recorded findings list export (`findings-csv`, `findings-ndjson`) as the input that makes it again. */
  function recordedFindings(rec: ExportRecord): FindingsInput | null {
    const format = /^findings-(csv|ndjson)$/.exec(rec.format)?.[1] as FindingsInput['format'] | undefined;
    if (!format) return null;
    const runId = (rec.view as { findingsRunId?: unknown } | null)?.findingsRunId;
    if (typeof runId !== 'number') throw new ApiError('invalid_input', `Export ${rec.id} cannot be run again: it does not name its rule run.`, { field: 'id' });
    return { runId, format };
  }

  /** The start input a recorded export was made with (its stored view carries order and fields). */
  function recordedInput(rec: ExportRecord): StartInput {
    const stored = (typeof rec.view === 'object' && rec.view !== null ? rec.view : {}) as Record<string, unknown>;
    const parsed = calls['exports.start'].input.safeParse({
      view: { scope: stored.scope, range: stored.range, query: stored.query },
      order: stored.order,
      format: rec.format,
      fields: stored.fields === true,
      ...(stored.columns !== undefined ? { columns: stored.columns } : {}),
      raw: stored.raw === true,
      ...(stored.findingsRunId !== undefined ? { findingsRunId: stored.findingsRunId } : {}),
      ...(stored.eventIds !== undefined ? { eventIds: stored.eventIds } : {}),
    });
    if (!parsed.success) {
      throw new ApiError('invalid_input', `Export ${rec.id} cannot be run again: its recorded view or format is not one this version understands.`, { field: 'id' });
    }
    return parsed.data;
  }

  /** Where a run-again goes: beside the original when that folder is still there (not over HTTP), else the exports folder. */
  async function rerunPath(rec: ExportRecord, input: Naming): Promise<string> {
    const folder = dirname(rec.path);
    if (opts.transport !== 'http' && existsSync(folder)) return freePath(folder, input);
    const exports = exportsFolder(opts.workspacePath);
    mkdirSync(exports, { recursive: true, mode: 0o700 });
    return freePath(exports, input);
  }

  /** Records the export as running and streams it in a reader; its end is recorded whatever happens. */
  function run(input: StartInput, path: string): Promise<ExportRecord> {
    const runId = input.findingsRunId;
    const csv = csvChoices(input);
    const only = { ...(runId !== undefined ? { findingsRunId: runId } : {}), ...(input.eventIds ? { eventIds: input.eventIds } : {}) };
    const view = { ...input.view, order: input.order, ...(input.fields ? { fields: true } : {}), ...csv, ...only };
    const args = { view: input.view, order: input.order, format: input.format, fields: input.fields, ...csv, path, appVersion: opts.version, ...only };
    return track(input.format, view, path, (o) => store.read('exportView', args, o));
  }

  /** A rule run's findings list (findings-export-ops.ts), tracked as any export is. */
  function runFindings(input: FindingsInput & { findingsRunId: number }, ruleRunView: unknown, path: string): Promise<ExportRecord> {
    const view = { findingsRunId: input.findingsRunId, ruleRunView };
    return track(`findings-${input.format}`, view, path, (o) =>
      store.read('exportFindings', { runId: input.findingsRunId, format: input.format, path, appVersion: opts.version }, o),
    );
  }

  type ReadExport = (o: { signal: AbortSignal; onProgress: (p: unknown) => void }) => Promise<{ rows: number; bytes: number; sha256: string; manifestPath: string }>;
  async function track(format: string, view: unknown, path: string, read: ReadExport): Promise<ExportRecord> {
    const id = await store.write('exportBegin', { format, view, path, startedAt: now() });
    const job: Job = { abort: new AbortController(), rows: 0, bytes: 0, done: Promise.resolve() };
    jobs.set(id, job);
    job.done = read({
      signal: job.abort.signal,
      onProgress: (p) => {
        const progress = p as { rows: number; bytes: number };
        job.rows = progress.rows;
        job.bytes = progress.bytes;
      },
    })
      .then(
        (r) => store.write('exportFinish', { id, status: 'ok', rows: r.rows, bytes: r.bytes, sha256: r.sha256, manifestPath: r.manifestPath, finishedAt: now(), error: null }),
        (error: unknown) =>
          store.write('exportFinish', {
            id,
            status: error instanceof CancelledError ? 'cancelled' : 'failed',
            rows: job.rows,
            bytes: job.bytes,
            sha256: null,
            manifestPath: null,
            finishedAt: now(),
            error: error instanceof CancelledError ? null : error instanceof StoreError || error instanceof Error ? error.message : String(error),
          }),
      )
      .catch((error: unknown) => console.error('[trailkeeper] could not record the end of an export:', error))
      .finally(() => jobs.delete(id));
    return record(id);
  }

  function oneAtATime(): void {
    // One at a time: an export holds a reader for its whole run, and the view needs the other.
    if (jobs.size > 0) throw new ApiError('invalid_input', 'An export is already running: wait for it to finish or cancel it.');
  }

  /** `findings.export`, and running a recorded findings export again. */
  async function beginFindings(input: FindingsInput, pick: (named: Naming & { path?: string | undefined }) => Promise<string>): Promise<ExportRecord> {
    await ready();
    oneAtATime();
    const run = await store.read('findingsRun', input.runId === undefined ? {} : { runId: input.runId });
    if (!run) {
      throw new ApiError('not_found', input.runId === undefined ? 'There are no findings to export: run the rules first.' : `There is no rule run ${input.runId} in this workspace.`, { field: 'runId' });
    }
    const path = await pick({ findingsRunId: run.runId, format: input.format, path: input.path });
    oneAtATime();
    return runFindings({ ...input, findingsRunId: run.runId }, run.view, path);
  }

  async function begin(input: StartInput, pick: () => Promise<string>): Promise<ExportRecord> {
    await ready();
    oneAtATime();
    // A query mistake is named now, with its column, rather than as a failed export.
    try {
      compileQuery(input.view.query);
    } catch (error) {
      if (error instanceof QuerySyntaxError) throw new ApiError('query_syntax', error.message, { field: 'view.query', column: error.column });
      throw error;
    }
    const path = await pick();
    // The Save dialog may have stayed open while another export started.
    oneAtATime();
    return run(input, path);
  }

  return {
    'exports.start': (input) => guard(() => begin(input, () => choosePath(input))),
    'findings.export': (input) => guard(() => beginFindings(input, (named) => choosePath(named))),
    'exports.rerun': ({ id }) =>
      guard(async () => {
        const rec = await record(id);
        const findings = recordedFindings(rec);
        if (findings) return beginFindings(findings, (named) => rerunPath(rec, named));
        const input = recordedInput(rec);
        return begin(input, () => rerunPath(rec, input));
      }),
    'exports.reveal': ({ id }) =>
      guard(async () => {
        if (!opts.desktop) throw new ApiError('not_found', NOT_DESKTOP_REVEAL);
        // Only a path the history holds is ever shown, never one the page names.
        const rec = await record(id);
        if (!existsSync(rec.path)) {
          throw new ApiError('not_found', `The file of export ${id} is no longer at ${rec.path}: it was moved or deleted.`, { field: 'id' });
        }
        opts.desktop.revealInFolder(rec.path);
        return { path: rec.path };
      }),
    'exports.downloadTicket': () => guard(() => Promise.reject(new ApiError('invalid_input', NO_DOWNLOAD_LINKS))),
    'exports.cancel': ({ id }) =>
      guard(async () => {
        const job = jobs.get(id);
        if (!job) return { cancelled: false };
        job.abort.abort();
        await job.done;
        return { cancelled: true };
      }),
    'exports.list': (input) =>
      guard(async () => {
        await ready();
        const rows = await store.read('listExports', input.id === undefined ? { limit: input.limit } : { limit: 1, id: input.id });
        return { exports: rows.map((row) => toRecord(row, jobs.get(row.id))) };
      }),
    'exports.verify': (input, { signal }) =>
      guard(async () => {
        let manifestPath: string;
        if ('id' in input) {
          const rec = await record(input.id);
          if (rec.status !== 'ok' || rec.manifestPath === null) {
            throw new ApiError('invalid_input', `Export ${input.id} did not finish (${rec.status}), so it has no manifest to verify.`, { field: 'id' });
          }
          manifestPath = rec.manifestPath;
        } else {
          if (opts.transport === 'http') throw new ApiError('invalid_input', 'Over HTTP, verify an export from the history by its id.', { field: 'manifestPath' });
          manifestPath = input.manifestPath;
        }
        return store.read('verifyExport', { manifestPath, checkWorkspace: input.checkWorkspace }, { signal });
      }),
    /** Resolves when export `id` has ended and its end is recorded (tests, the command line). */
    settled: async (id) => {
      await jobs.get(id)?.done;
    },
  };
}
