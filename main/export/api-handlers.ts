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
import { extensionFor, type ExportFormat } from './formats.ts';
import type { DesktopExports } from './desktop-exports.ts';
import { defaultExportName } from './names.ts';

export const EXPORT_CALLS = ['exports.start', 'exports.cancel', 'exports.list', 'exports.verify', 'exports.rerun', 'exports.reveal'] as const satisfies readonly CallName[];
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

const NOT_DESKTOP_REVEAL = 'Reveal in folder works in the desktop app; here, use Download in the export history to get the file.';

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
  async function freePath(folder: string, input: { format: ExportFormat; view: { scope: Parameters<typeof defaultExportName>[0] } }): Promise<string> {
    const { tenants } = await store.read('tenants', undefined);
    const base = defaultExportName(input.view.scope, tenants, new Date(now()));
    for (let n = 1; ; n++) {
      const path = join(folder, `${base}${n > 1 ? `-${n}` : ''}.${extensionFor(input.format)}`);
      if (!existsSync(path) && !existsSync(`${path}.partial`)) return path;
    }
  }

  async function choosePath(input: { path?: string | undefined; format: ExportFormat; view: { scope: Parameters<typeof defaultExportName>[0] } }): Promise<string> {
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

  /** The start input a recorded export was made with (its stored view carries order and fields). */
  function recordedInput(rec: ExportRecord): StartInput {
    const stored = (typeof rec.view === 'object' && rec.view !== null ? rec.view : {}) as Record<string, unknown>;
    const parsed = calls['exports.start'].input.safeParse({
      view: { scope: stored.scope, range: stored.range, query: stored.query },
      order: stored.order,
      format: rec.format,
      fields: stored.fields === true,
    });
    if (!parsed.success) {
      throw new ApiError('invalid_input', `Export ${rec.id} cannot be run again: its recorded view or format is not one this version understands.`, { field: 'id' });
    }
    return parsed.data;
  }

  /** Where a run-again goes: beside the original when that folder is still there (not over HTTP), else the exports folder. */
  async function rerunPath(rec: ExportRecord, input: StartInput): Promise<string> {
    const folder = dirname(rec.path);
    if (opts.transport !== 'http' && existsSync(folder)) return freePath(folder, input);
    const exports = exportsFolder(opts.workspacePath);
    mkdirSync(exports, { recursive: true, mode: 0o700 });
    return freePath(exports, input);
  }

  /** Records the export as running and streams it in a reader; its end is recorded whatever happens. */
  async function run(input: StartInput, path: string): Promise<ExportRecord> {
    const view = { ...input.view, order: input.order, ...(input.fields ? { fields: true } : {}) };
    const id = await store.write('exportBegin', { format: input.format, view, path, startedAt: now() });
    const job: Job = { abort: new AbortController(), rows: 0, bytes: 0, done: Promise.resolve() };
    jobs.set(id, job);
    job.done = store
      .read(
        'exportView',
        { view: input.view, order: input.order, format: input.format, fields: input.fields, path, appVersion: opts.version },
        {
          signal: job.abort.signal,
          onProgress: (p) => {
            const progress = p as { rows: number; bytes: number };
            job.rows = progress.rows;
            job.bytes = progress.bytes;
          },
        },
      )
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

  async function begin(input: StartInput, pick: () => Promise<string>): Promise<ExportRecord> {
    await ready();
    // One at a time: an export holds a reader for its whole run, and the view needs the other.
    if (jobs.size > 0) throw new ApiError('invalid_input', 'An export is already running: wait for it to finish or cancel it.');
    // A query mistake is named now, with its column, rather than as a failed export.
    try {
      compileQuery(input.view.query);
    } catch (error) {
      if (error instanceof QuerySyntaxError) throw new ApiError('query_syntax', error.message, { field: 'view.query', column: error.column });
      throw error;
    }
    const path = await pick();
    // The Save dialog may have stayed open while another export started.
    if (jobs.size > 0) throw new ApiError('invalid_input', 'An export is already running: wait for it to finish or cancel it.');
    return run(input, path);
  }

  return {
    'exports.start': (input) => guard(() => begin(input, () => choosePath(input))),
    'exports.rerun': ({ id }) =>
      guard(async () => {
        const rec = await record(id);
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
