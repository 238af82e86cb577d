/**
 * The loopback HTTP host (browser mode, docs/design.md §2): serves the built renderer, the same API calls
 * as the Electron IPC router, and file uploads for import. It listens on 127.0.0.1 only.
 * API calls and uploads need the random API token in the `x-trailkeeper-token` header, and only
 * there. The page itself needs `?token=` once; it then gets a session cookie holding a different
 * secret, which opens the page and its assets and nothing else (see session.ts). A download
 * the browser streams to disk carries a single-use ticket instead (download-tickets.ts).
 * No request, however malformed, can end the process: every request runs inside one guard.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { DOWNLOAD_PATH, EVENTS_PATH, UPLOAD_PATH } from '../../common/contract.ts';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../csp.ts';
import { contentTypeFor } from '../mime.ts';
import { errorPhrase, oneLine, RateLimitedLog, type LineSink } from './rate-limited-log.ts';
import { loggablePath, parseRequestTarget, type RequestTarget } from './request-target.ts';
import { isClientGone, sendError, sendJson, sendText } from './responses.ts';
import { headerToken, newSecret, readCookie, sameSecret, sessionCookie, sessionCookieName } from './session.ts';
import { openStaticFile, streamFile } from './static-files.ts';
import { serveUpload, type FileImporter } from './upload-route.ts';
import { serveEvents, type SyncEventSource } from './events-route.ts';
import { downloadTicketHandler, serveDownload } from './download-route.ts';
import { DownloadTickets } from './download-tickets.ts';

export { staticPath } from './static-files.ts';

const MAX_BODY_BYTES = 1 << 20;
export const DEFAULT_MAX_UPLOAD_BYTES = 1 << 30;
/** How long close() lets in-flight requests finish before it cuts their connections. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 2000;

export interface HttpHostOptions {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Enables `GET /events`: sync progress as server-sent events (events-route.ts). */
  events?: SyncEventSource;
  /** Enables `POST /upload`: the store writer's importFile. */
  importFile?: FileImporter;
  maxUploadBytes?: number;
  /** Where uploads are staged; default the OS temp folder. */
  uploadTempRoot?: string;
  /** Where the host's own log lines go (rate-limited); default console.error. */
  log?: LineSink;
  shutdownGraceMs?: number;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  /** Stops accepting, closes idle connections at once and stalled ones after the grace period. */
  close(): Promise<void>;
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError('invalid_input', 'The request body is larger than 1 MiB.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_input', 'The request body is not valid JSON.');
  }
}

export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const token = opts.token ?? newSecret();
  const sessionSecret = newSecret();
  const log = new RateLimitedLog(opts.log ?? ((line) => console.error(line)));
  const graceMs = opts.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const inFlight = new Set<Promise<void>>();
  let port = 0;
  // Download links live in this host's memory only (download-tickets.ts); the host mints them.
  const tickets = new DownloadTickets();
  // (Layered over the given table, not copied from it: a table may answer by lookup, as tests' proxies do.)
  const handlers: Handlers = Object.assign(Object.create(opts.handlers) as Handlers, { 'exports.downloadTicket': downloadTicketHandler(opts.handlers, tickets) });

  function requireToken(req: IncomingMessage): void {
    if (!sameSecret(headerToken(req), token)) {
      throw new ApiError('unauthorized', 'Missing or wrong token: open the URL that `npm run serve` printed.');
    }
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    const viaQuery = sameSecret(target.params.get('token') ?? undefined, token);
    if (!viaQuery && !sameSecret(readCookie(req, sessionCookieName(port)), sessionSecret)) {
      return sendText(res, 401, 'Trailkeeper: open the URL with the token that `npm run serve` printed.\n');
    }
    const opened = await openStaticFile(opts.rendererDir, target.pathname);
    if (!opened.ok) {
      if (opened.reason) log.line(`[trailkeeper] could not open ${loggablePath(target.pathname)}: ${opened.reason}`);
      return sendText(res, opened.status, opened.status === 404 ? 'Not found\n' : 'Trailkeeper could not read this file.\n');
    }
    const { file } = opened;
    const headers: Record<string, string> = {
      'content-type': contentTypeFor(file.path),
      'content-length': String(file.size),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cross-origin-opener-policy': 'same-origin',
      'x-frame-options': 'DENY',
    };
    if (viaQuery) headers['set-cookie'] = sessionCookie(port, sessionSecret);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      await file.handle.close();
      res.end();
      return;
    }
    streamFile(file, res, (error) => log.line(`[trailkeeper] reading ${loggablePath(target.pathname)} failed: ${errorPhrase(error)}`));
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    requireToken(req);
    if (req.method !== 'POST') throw new ApiError('invalid_input', 'API calls are POST requests.');
    const input = await readJsonBody(req);
    // A browser that aborts a stale request closes it: stop the store work it started.
    const abort = new AbortController();
    res.once('close', () => res.writableFinished || abort.abort());
    sendJson(res, 200, await dispatch(handlers, name, input, { signal: abort.signal }));
  }

  async function route(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    if (target.pathname.startsWith('/api/')) return serveApi(req, res, target.pathname.slice('/api/'.length));
    if (target.pathname === UPLOAD_PATH) {
      requireToken(req);
      if (req.method !== 'POST') throw new ApiError('invalid_input', 'Uploads are POST requests with the file as the body.');
      if (!opts.importFile) throw new ApiError('not_found', 'This host does not take uploads.');
      return serveUpload(req, res, target.params, {
        handlers: opts.handlers,
        importFile: opts.importFile,
        maxBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        tempRoot: opts.uploadTempRoot ?? tmpdir(),
        log,
      });
    }
    if (target.pathname === EVENTS_PATH) {
      requireToken(req);
      if (req.method !== 'GET' || !opts.events) throw new ApiError('not_found', 'Sync progress is a GET stream, and this host has none.');
      return serveEvents(req, res, opts.events);
    }
    if (target.pathname === DOWNLOAD_PATH) {
      // A ticket stands in for the token header: the browser's download manager sends no header.
      if (!target.params.has('ticket')) requireToken(req);
      if (req.method !== 'GET') throw new ApiError('invalid_input', 'Downloads are GET requests.');
      return serveDownload(res, target.params, handlers, tickets);
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res, target);
    throw new ApiError('invalid_input', 'Only GET for pages and POST for /api/ calls.');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let path = '(unparsed)';
    try {
      // A page on another host name (DNS rebinding) must not reach the API, even with a token.
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendText(res, 421, 'Misdirected request\n');
      const target = parseRequestTarget(req.url);
      if (!target) throw new ApiError('invalid_input', 'The request target must be a path starting with a single "/".');
      path = loggablePath(target.pathname);
      await route(req, res, target);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'cancelled' && res.destroyed) return;
      if (!(error instanceof ApiError) && isClientGone(error, res)) {
        log.line(`[trailkeeper] a client closed its ${req.method} ${path} request before it finished`);
        res.destroy();
        return;
      }
      if (res.headersSent) return void res.destroy();
      if (!(error instanceof ApiError)) log.line(`[trailkeeper] http host error on ${req.method} ${path}: ${oneLine(error instanceof Error ? (error.stack ?? errorPhrase(error)) : String(error))}`);
      sendError(res, error instanceof ApiError ? error : new ApiError('internal', 'Trailkeeper hit an internal error; the details are in its log.'));
    }
  }

  const server = createServer((req, res) => {
    const task = handle(req, res).catch((error: unknown) => {
      // handle() catches everything; this is the last line of defence, never a crash.
      log.line(`[trailkeeper] http host error: ${errorPhrase(error)}`);
      res.destroy();
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(cut);
      // Requests whose connection was cut finish their cleanup (uploads delete their files).
      await Promise.allSettled([...inFlight]);
    })();
    return closing;
  };
  return { url: `http://127.0.0.1:${port}/?token=${token}`, port, token, server, close };
}
