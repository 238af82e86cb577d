/**
 * The two secrets of browser mode (issue 7, item 3). The API token authorises API calls and
 * travels only in the `x-trailkeeper-token` header. The page's session secret lives in a cookie
 * and only lets the page and its assets load: browsers send a 127.0.0.1 cookie to every port of
 * 127.0.0.1, so whatever the cookie holds, any other local service may see.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-trailkeeper-token';

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; a missing value never matches. */
export function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared across ports of one host, so the name carries the port (two hosts, one browser). */
export function sessionCookieName(port: number): string {
  return `trailkeeper_session_${port}`;
}

export function sessionCookie(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function headerToken(req: IncomingMessage): string | undefined {
  const value = req.headers[TOKEN_HEADER];
  return typeof value === 'string' ? value : undefined;
}
