/**
 * What the app:// protocol serves, without Electron: which file a URL maps to (only files under
 * the built renderer, never outside it), its MIME type, and the response with the CSP header.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../csp.ts';
import { contentTypeFor } from '../mime.ts';
import { isTrustedAppUrl } from './trusted-url.ts';

export { contentTypeFor };

const INDEX_FILE = 'index.html';

/**
 * The file under `rendererRoot` that `url` names, or null when the URL is not the app's origin or
 * tries to leave the root. The URL parser already folds `..` and `%2e%2e`; each segment is then
 * decoded and checked again, so `%2f`, `%5c`, NUL or a drive letter cannot smuggle a path through.
 */
export function resolveAppPath(rendererRoot: string, url: string): string | null {
  if (!isTrustedAppUrl(url)) return null;
  const segments = new URL(url).pathname.split('/').filter((segment) => segment !== '');
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null; // malformed percent-encoding
    }
    if (name === '.' || name === '..' || /[/\\:\0]/.test(name)) return null;
    decoded.push(name);
  }
  const file = join(rendererRoot, ...(decoded.length === 0 ? [INDEX_FILE] : decoded));
  const inside = relative(rendererRoot, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}



function plainResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
}

/** Answers one app:// request from `rendererRoot`: GET/HEAD only, 404 for anything not there. */
export async function appFileResponse(rendererRoot: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
  const file = resolveAppPath(rendererRoot, request.url);
  if (file === null) return plainResponse(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plainResponse(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': contentTypeFor(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      // Each build replaces the files; never let Chromium serve a stale bundle after an update.
      'cache-control': 'no-cache',
    },
  });
}
