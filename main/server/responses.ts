/** The host's few response shapes: JSON (API answers and errors) and plain text (page errors). */
import type { ServerResponse } from 'node:http';
import { ApiError, HTTP_STATUS } from '../api/errors.ts';

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, error: ApiError, status = HTTP_STATUS[error.code], extra: Record<string, string> = {}): void {
  sendJson(res, status, error.toJSON(), extra);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

/** True when the error means the client went away mid-request (its abort, not our fault). */
export function isClientGone(error: unknown, res: ServerResponse): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (error instanceof Error && error.message === 'aborted') ||
    res.destroyed
  );
}
