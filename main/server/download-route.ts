/**
 * `GET /download?id=N[&file=manifest]` (browser mode, issue 10): streams a finished export, or
 * its manifest, from the workspace's export history as an attachment. Only files the history
 * names are served, so no request can read another path; the token header is checked by the host.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';

const TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
  syslog: 'text/plain; charset=utf-8',
  ocsf: 'application/x-ndjson; charset=utf-8',
};

/** A Content-Disposition value that keeps any file name safe (RFC 6266, with a UTF-8 form). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function serveDownload(res: ServerResponse, params: URLSearchParams, handlers: Handlers): Promise<void> {
  const id = Number(params.get('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError('invalid_input', 'Say which export to download: /download?id=N.', { field: 'id' });
  const which = params.get('file') ?? 'data';
  if (which !== 'data' && which !== 'manifest') throw new ApiError('invalid_input', 'file must be "data" or "manifest".', { field: 'file' });
  const [record] = (await handlers['exports.list']({ limit: 1, id }, {})).exports;
  if (!record) throw new ApiError('not_found', `There is no export with id ${id} in this workspace.`, { field: 'id' });
  if (record.status !== 'ok' || record.manifestPath === null) {
    throw new ApiError('invalid_input', `Export ${id} did not finish (${record.status}), so there is nothing to download.`, { field: 'id' });
  }
  if (which === 'data' && record.format === 'ocsf-parquet') {
    throw new ApiError('invalid_input', `Export ${id} is a folder of Parquet files: take it from ${record.path}.`, { field: 'id' });
  }
  const path = which === 'manifest' ? record.manifestPath : record.path;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ApiError('not_found', `The file of export ${id} is no longer at ${path}.`, { field: 'id' });
  }
  res.writeHead(200, {
    'content-type': which === 'manifest' ? TYPES['json']! : (TYPES[record.format] ?? 'application/octet-stream'),
    'content-length': String(size),
    'content-disposition': attachment(basename(path)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  await pipeline(createReadStream(path), res);
}
