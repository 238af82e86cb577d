/**
 * `GET /download?id=N[&file=manifest]` (browser mode, issue 10): streams a finished export, or
 * its manifest, from the workspace's export history as an attachment. Only files the history
 * names are served, so no request can read another path. The host checks the token header,
 * unless the request carries a single-use `ticket` (download-tickets.ts), which the browser's own
 * download manager fetches and streams to disk: the ticket names the export and file itself.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DOWNLOAD_PATH } from '../../common/contract.ts';
import type { Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import type { DownloadFile, DownloadTickets } from './download-tickets.ts';

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

/** The recorded file of export `id` that may be downloaded, or a sentence saying why not. */
async function downloadable(handlers: Handlers, id: number, which: DownloadFile): Promise<{ path: string; format: string; size: number }> {
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
  return { path, format: which === 'manifest' ? 'manifest' : record.format, size };
}

/** `exports.downloadTicket` over HTTP: checks the file now (so the page shows a refusal) and mints its link. */
export function downloadTicketHandler(handlers: Handlers, tickets: DownloadTickets): Handlers['exports.downloadTicket'] {
  return async ({ id, file }) => {
    await downloadable(handlers, id, file);
    const { ticket, expiresAt } = tickets.mint(id, file);
    return { url: `${DOWNLOAD_PATH}?id=${id}&file=${file}&ticket=${ticket}`, expiresAt };
  };
}

/** The export and file a request asks for: its ticket's (redeemed now, once), or its own id and file. */
function requested(params: URLSearchParams, tickets: DownloadTickets): { id: number; which: DownloadFile } {
  const ticket = params.get('ticket');
  if (ticket !== null) {
    const bound = tickets.redeem(ticket);
    if (!bound) throw new ApiError('not_found', 'This download link was already used or has expired (each works once, within a minute): press Download again.');
    const id = params.get('id');
    if ((id !== null && id !== String(bound.id)) || (params.get('file') ?? 'data') !== bound.file) {
      throw new ApiError('unauthorized', `This download link is for export ${bound.id}'s ${bound.file === 'manifest' ? 'manifest' : 'file'}, not the one asked for.`);
    }
    return { id: bound.id, which: bound.file };
  }
  const id = Number(params.get('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError('invalid_input', 'Say which export to download: /download?id=N.', { field: 'id' });
  const which = params.get('file') ?? 'data';
  if (which !== 'data' && which !== 'manifest') throw new ApiError('invalid_input', 'file must be "data" or "manifest".', { field: 'file' });
  return { id, which };
}

export async function serveDownload(res: ServerResponse, params: URLSearchParams, handlers: Handlers, tickets: DownloadTickets): Promise<void> {
  const { id, which } = requested(params, tickets);
  const { path, format, size } = await downloadable(handlers, id, which);
  res.writeHead(200, {
    // A findings export ('findings-csv') is served as its file format.
    'content-type': format === 'manifest' ? TYPES['json']! : (TYPES[format.replace(/^findings-/, '')] ?? 'application/octet-stream'),
    'content-length': String(size),
    'content-disposition': attachment(basename(path)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  await pipeline(createReadStream(path), res);
}
