/**
 * The loopback HTTP host (browser mode, DESIGN §2): serves the built renderer and the same API
 * calls as the Electron IPC router. It listens on 127.0.0.1 only, and every request must carry
 * the random token printed in the start URL — as the `x-trailkeeper-token` header for API calls,
 * or as `?token=` / the cookie it sets for the page itself.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import { ApiError, HTTP_STATUS } from '../api/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../csp.ts';
import { contentTypeFor } from '../mime.ts';

const MAX_BODY_BYTES = 1 << 20;
/** Cookies are shared across ports of one host, so the name carries the port (two hosts, one browser). */
const cookieName = (port: number) => `trailkeeper_token_${port}`;


export interface HttpHostOptions {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage, port: number): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName(port)) return rest.join('=');
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, HTTP_STATUS[error.code], error.toJSON());
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

/** Maps a URL path into rendererDir, refusing anything that would leave it. */
export function staticPath(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(rendererDir, relative));
  const root = normalize(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep);
  return full.startsWith(root) ? full : null;
}

export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const queryToken = url.searchParams.get('token') ?? undefined;
    const viaQuery = sameToken(queryToken, token);
    if (!viaQuery && !sameToken(cookieToken(req, port), token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Trailkeeper: open the URL with the token that `npm run serve` printed.\n');
      return;
    }
    const file = staticPath(opts.rendererDir, url.pathname);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    const headers: Record<string, string | string[]> = {
      'content-type': contentTypeFor(file),
      'content-length': String(info.size),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cross-origin-opener-policy': 'same-origin',
      'x-frame-options': 'DENY',
    };
    if (viaQuery) headers['set-cookie'] = `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!sameToken(req.headers['x-trailkeeper-token'] as string | undefined, token)) {
      throw new ApiError('unauthorized', 'Missing or wrong token: open the URL that `npm run serve` printed.');
    }
    if (req.method !== 'POST') throw new ApiError('invalid_input', 'API calls are POST requests.');
    const input = await readJsonBody(req);
    // A browser that aborts a stale request closes it: stop the store work it started.
    const abort = new AbortController();
    res.once('close', () => res.writableFinished || abort.abort());
    sendJson(res, 200, await dispatch(opts.handlers, name, input, { signal: abort.signal }));
  }

  const server = createServer((req, res) => {
    void (async () => {
      // A page on another host name (DNS rebinding) must not reach the API, even with a token.
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Misdirected request\n');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      try {
        if (url.pathname.startsWith('/api/')) await serveApi(req, res, url.pathname.slice('/api/'.length));
        else if (req.method === 'GET' || req.method === 'HEAD') await serveStatic(req, res, url);
        else throw new ApiError('invalid_input', 'Only GET for pages and POST for /api/ calls.');
      } catch (error) {
        if (res.headersSent) return void res.destroy();
        const apiError =
          error instanceof ApiError ? error : new ApiError('internal', 'Trailkeeper hit an internal error.');
        if (!(error instanceof ApiError)) console.error('[trailkeeper] http host error:', error);
        sendError(res, apiError);
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
