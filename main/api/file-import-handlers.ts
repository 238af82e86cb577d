/**
 * The desktop app's file import calls. The page never names a path: `imports.openDialog` imports
 * what the user chose in the main process's own Open dialog, and `imports.dropped` what the user
 * just dropped, by an opaque drop id the preload got from main (main/electron/drop-registry.ts).
 * Both capabilities are injected by the Electron shell; without them (browser mode, the command
 * line) the calls answer not_found and the browser uploads instead.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CallName, DesktopImportResult, ImportSourceKind, ImportSummary } from '../../common/contract.ts';
import { CancelledError, StoreError, type StoreHost } from '../store-host/store-host.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { toApiError } from './store-errors.ts';

export const FILE_IMPORT_CALLS = ['imports.openDialog', 'imports.dropped'] as const satisfies readonly CallName[];
export type FileImportHandlers = Pick<Handlers, (typeof FILE_IMPORT_CALLS)[number]>;

/** What the Electron shell gives: its Open dialog, and the paths of one drop (once). */
export interface DesktopFiles {
  /** Shows the OS Open dialog; resolves to the chosen paths, empty when the user closes it. */
  chooseFiles(): Promise<string[]>;
  /** The paths registered under `dropId`, handed out once; null when unknown, used or expired. */
  takeDrop(dropId: string): string[] | null;
}

const NOT_DESKTOP = 'Importing by Open dialog or drag-and-drop works in the desktop app; here, use Import… to upload the file.';

/** What the store writer's importFile op answers. */
interface ImportFileResult {
  inserted: number;
  duplicates: number;
  problems: number;
  problemSamples: { line: number; message: string }[];
}

/** A file's failure as one sentence (the reader's sentence about its format or damage). */
function fileProblem(error: unknown): string {
  if (error instanceof StoreError && error.kind === 'internal') return `It could not be imported: ${error.message}`;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) {
    return `It could not be read (${error.code}): check that it exists and that you may read it.`;
  }
  return toApiError(error).message;
}

export function fileImportHandlers(store: Pick<StoreHost, 'read' | 'write'>, desktop: DesktopFiles | null): FileImportHandlers {
  // Checked before the dialog shows or the drop is used up: a wrong tenant costs the user nothing.
  async function ensureTenant(tenantId: number): Promise<void> {
    const { tenants } = await store.read('tenants', undefined);
    if (!tenants.some((t) => t.id === tenantId)) {
      throw new ApiError('not_found', `There is no tenant with id ${tenantId}; choose one, or create it first.`, { field: 'tenantId' });
    }
  }

  async function importPaths(paths: string[], target: { tenantId: number; sourceKind?: ImportSourceKind | undefined }, signal?: AbortSignal): Promise<DesktopImportResult> {
    const result: DesktopImportResult = { summaries: [], failed: [] };
    for (const path of paths) {
      const fileName = basename(path);
      const started = performance.now();
      try {
        const info = await stat(path);
        if (!info.isFile()) throw new ApiError('invalid_input', 'It is not a file (a folder cannot be imported; choose the files in it).');
        const args = { path, tenantId: target.tenantId, ...(target.sourceKind ? { sourceKind: target.sourceKind } : {}) };
        const done = (await store.write('importFile', args, signal ? { signal } : {})) as ImportFileResult;
        const summary: ImportSummary = {
          tenantId: target.tenantId,
          fileName,
          bytes: info.size,
          added: done.inserted,
          duplicates: done.duplicates,
          rejected: done.problems,
          rejectedSamples: done.problemSamples,
          tookMs: Math.round(performance.now() - started),
        };
        result.summaries.push(summary);
      } catch (error) {
        // A cancel stops the whole call; batches already written stay, as with an upload.
        if (signal?.aborted || error instanceof CancelledError) throw new ApiError('cancelled', 'The import was cancelled.');
        result.failed.push({ fileName, message: error instanceof ApiError ? error.message : fileProblem(error) });
      }
    }
    return result;
  }

  return {
    'imports.openDialog': async ({ tenantId, sourceKind }, { signal }) => {
      if (desktop === null) throw new ApiError('not_found', NOT_DESKTOP);
      await ensureTenant(tenantId);
      const paths = await desktop.chooseFiles();
      return importPaths(paths, { tenantId, sourceKind }, signal);
    },
    'imports.dropped': async ({ dropId, tenantId, sourceKind }, { signal }) => {
      if (desktop === null) throw new ApiError('not_found', NOT_DESKTOP);
      await ensureTenant(tenantId);
      const paths = desktop.takeDrop(dropId);
      if (paths === null) {
        throw new ApiError('not_found', 'Those dropped files are no longer known (a drop is imported once, within 10 minutes); drop them again.', { field: 'dropId' });
      }
      return importPaths(paths, { tenantId, sourceKind }, signal);
    },
  };
}
