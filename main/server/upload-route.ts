/**
 * `POST /upload` (issue 8, import from the UI): the file arrives as the request body, is
 * streamed to a private temporary folder (bounded by `maxBytes`, never held in memory), imported
 * by the store writer's `importFile`, and deleted afterwards — also when the client goes away.
 * The answer is NDJSON: progress lines, then one `done` line with the summary. Failures before
 * the first progress line are plain JSON errors with their status (400, 404, 413).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { IMPORT_SOURCE_KINDS, type ImportSourceKind, type ImportSummary, type UploadLine } from '../../common/contract.ts';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import { toApiError } from '../api/store-errors.ts';
import { CancelledError, StoreError } from '../store-host/store-host.ts';
import type { RateLimitedLog } from './rate-limited-log.ts';
import { ClientGoneError, receiveToFile, TooLargeError } from './receive-file.ts';
import { sendError } from './responses.ts';

/** What the store writer's `importFile` op answers. */
export interface FileImportResult {
  bytesRead: number;
  totalBytes: number;
  inserted: number;
  duplicates: number;
  problems: number;
  problemSamples: { line: number; message: string }[];
}

export type FileImporter = (
  args: { path: string; tenantId: number; sourceKind?: ImportSourceKind },
  opts: { signal: AbortSignal; onProgress: (progress: unknown) => void },
) => Promise<FileImportResult>;

export interface UploadOptions {
  handlers: Handlers;
  importFile: FileImporter;
  maxBytes: number;
  /** Where the per-upload temporary folders go (the OS temp folder). */
  tempRoot: string;
  log: RateLimitedLog;
}

/** Temporary folders carry the host's pid, so a later start can remove a killed host's leftovers. */
export const UPLOAD_DIR_PREFIX = 'trailkeeper-upload-';
const PROGRESS_EVERY_MS = 200;

/** The uploaded file's name, reduced to a safe single path segment that keeps its extension. */
export function safeFileName(given: string | null): string {
  const last = (given ?? '').split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[^\w.\- ()+]/g, '_').replace(/^[.\s]+/, '').slice(-120);
  return clean === '' ? 'upload' : clean;
}

function describeSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${Math.round(bytes / (1 << 20))} MiB`;
  return bytes >= 1 << 10 ? `${Math.round(bytes / (1 << 10))} KiB` : `${bytes} bytes`;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    'invalid_input',
    `The file is larger than the upload limit of ${describeSize(maxBytes)}; nothing was imported. Split it, or compress it with gzip (.gz files are read as they are).`,
    { field: 'file' },
  );
}

interface UploadParams {
  tenantId: number;
  fileName: string;
  sourceKind?: ImportSourceKind;
}

function readParams(params: URLSearchParams): UploadParams {
  const tenantText = params.get('tenantId') ?? '';
  const tenantId = Number(tenantText);
  if (!/^\d{1,15}$/.test(tenantText) || tenantId < 1) {
    throw new ApiError('invalid_input', 'Choose the tenant to import into: tenantId must be the id of a tenant.', { field: 'tenantId' });
  }
  const kind = params.get('sourceKind');
  if (kind !== null && kind !== '' && !(IMPORT_SOURCE_KINDS as readonly string[]).includes(kind)) {
    throw new ApiError('invalid_input', `sourceKind must be one of ${IMPORT_SOURCE_KINDS.join(', ')}, or left out to detect it.`, { field: 'sourceKind' });
  }
  return { tenantId, fileName: safeFileName(params.get('name')), ...(kind ? { sourceKind: kind as ImportSourceKind } : {}) };
}

/** An importer failure as the contract's error: the reader's sentence about the file, or cancelled. */
function importError(error: unknown): ApiError {
  if (error instanceof CancelledError) return new ApiError('cancelled', 'The import was cancelled.');
  if (error instanceof StoreError && error.name === 'AbortError') return new ApiError('cancelled', 'The import was cancelled.');
  if (error instanceof StoreError && error.kind === 'internal') {
    // The readers throw one sentence about the file (its format, its source, its damage).
    return new ApiError('invalid_input', `The file could not be imported: ${error.message}`, { field: 'file' });
  }
  return toApiError(error);
}

export async function serveUpload(req: IncomingMessage, res: ServerResponse, params: URLSearchParams, opts: UploadOptions): Promise<void> {
  const { tenantId, fileName, sourceKind } = readParams(params);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > opts.maxBytes) {
    // Refuse before reading a byte; the connection closes, so the unread body goes nowhere.
    sendError(res, tooLarge(opts.maxBytes), 413, { connection: 'close' });
    return;
  }
  const { tenants } = (await dispatch(opts.handlers, 'tenants.list', {})) as { tenants: { id: number }[] };
  if (!tenants.some((t) => t.id === tenantId)) {
    throw new ApiError('not_found', `There is no tenant with id ${tenantId}; choose one, or create it first.`, { field: 'tenantId' });
  }

  const dir = await mkdtemp(join(opts.tempRoot, `${UPLOAD_DIR_PREFIX}${process.pid}-`));
  const path = join(dir, fileName);
  const abort = new AbortController();
  res.once('close', () => res.writableFinished || abort.abort());
  let outcome: Outcome;
  try {
    let bytes: number;
    try {
      bytes = await receiveToFile(req, path, opts.maxBytes);
    } catch (error) {
      if (error instanceof TooLargeError) {
        sendError(res, tooLarge(opts.maxBytes), 413, { connection: 'close' });
        req.resume();
        return;
      }
      if (error instanceof ClientGoneError) {
        opts.log.line(`[trailkeeper] an upload of ${fileName} was closed by the client after ${error.bytesReceived} bytes; nothing was imported`);
        return;
      }
      throw error;
    }
    outcome = await importUploaded(res, { path, tenantId, fileName, bytes, ...(sourceKind ? { sourceKind } : {}) }, abort.signal, opts);
  } finally {
    // The file goes before the answer does: a client that sees the summary sees no leftover.
    await rm(dir, { recursive: true, force: true });
  }
  if (abort.signal.aborted) {
    opts.log.line(`[trailkeeper] the import of ${fileName} was cancelled by the client; batches already written are kept`);
    return;
  }
  if ('summary' in outcome) {
    writeLine(res, { kind: 'done', summary: outcome.summary });
    res.end();
  } else if (!res.headersSent) {
    sendError(res, outcome.error);
  } else {
    writeLine(res, { kind: 'error', error: outcome.error.toJSON() });
    res.end();
  }
}

type Outcome = { summary: ImportSummary } | { error: ApiError };

function writeLine(res: ServerResponse, line: UploadLine): void {
  if (!res.headersSent) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  }
  if (!res.destroyed) res.write(`${JSON.stringify(line)}\n`);
}

/** Runs the import, streaming progress lines; the final line is the caller's, after cleanup. */
async function importUploaded(
  res: ServerResponse,
  job: { path: string; tenantId: number; fileName: string; bytes: number; sourceKind?: ImportSourceKind },
  signal: AbortSignal,
  opts: UploadOptions,
): Promise<Outcome> {
  const started = performance.now();
  let lastProgress = 0;
  const onProgress = (progress: unknown) => {
    const now = performance.now();
    if (now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const p = progress as Omit<FileImportResult, 'problemSamples'>;
    writeLine(res, { kind: 'progress', bytesRead: p.bytesRead, totalBytes: p.totalBytes, inserted: p.inserted, duplicates: p.duplicates, problems: p.problems });
  };
  try {
    const result = await opts.importFile(
      { path: job.path, tenantId: job.tenantId, ...(job.sourceKind ? { sourceKind: job.sourceKind } : {}) },
      { signal, onProgress },
    );
    return {
      summary: {
        tenantId: job.tenantId,
        fileName: job.fileName,
        bytes: job.bytes,
        added: result.inserted,
        duplicates: result.duplicates,
        rejected: result.problems,
        rejectedSamples: result.problemSamples,
        tookMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    // A cancelled import is the client's choice, not an error worth a stack trace.
    if (signal.aborted) return { error: new ApiError('cancelled', 'The import was cancelled.') };
    return { error: importError(error) };
  }
}
