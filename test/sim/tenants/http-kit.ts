/**
 * The simulator's answer writers: JSON with headers, and the same answer spoiled by a fault
 * (slow, dropped mid-body, truncated). A rate-limit window per protocol that counts calls against
 * the injected clock and says what the headers should say.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from './faults.ts';

export type Headers = Record<string, string>;

export async function sendJson(res: ServerResponse, status: number, body: string, headers: Headers = {}, fault: FaultKind | null = null, slowMs = 25): Promise<void> {
  if (fault === 'slow') await new Promise((r) => setTimeout(r, slowMs));
  const bytes = Buffer.from(body, 'utf8');
  const base = { 'content-type': 'application/json; charset=utf-8', ...headers };
  if (fault === 'truncate' && bytes.length > 2) {
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    res.writeHead(status, { ...base, 'content-length': String(half.length) });
    res.end(half);
    return;
  }
  if (fault === 'drop' && bytes.length > 2) {
    res.writeHead(status, { ...base, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => setImmediate(() => res.socket?.destroy()));
    return;
  }
  res.writeHead(status, { ...base, 'content-length': String(bytes.length) });
  res.end(bytes);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Calls per 60-second window (on the injected clock): remaining count and the reset second. */
export class RateWindow {
  readonly limit: number;
  private readonly now: () => number;
  private windowStart = -1;
  private used = 0;
  rejected = 0;

  constructor(limit: number, now: () => number) {
    this.limit = limit;
    this.now = now;
  }

  /** Counts one call; `ok` false when the window is already spent (the call must be refused). */
  take(): { ok: boolean; remaining: number; resetSec: number; retryAfterSec: number } {
    const now = this.now();
    const start = Math.floor(now / 60_000) * 60_000;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    const resetMs = start + 60_000;
    const resetSec = resetMs / 1000;
    const retryAfterSec = Math.max(1, Math.ceil((resetMs - now) / 1000));
    if (this.used >= this.limit) {
      this.rejected++;
      return { ok: false, remaining: 0, resetSec, retryAfterSec };
    }
    this.used++;
    return { ok: true, remaining: this.limit - this.used, resetSec, retryAfterSec };
  }

  /** The headers a fault-injected rate-limit answer carries: spent now, reset in `seconds`. */
  spentFor(seconds: number): { resetSec: number; retryAfterSec: number } {
    return { resetSec: Math.ceil(this.now() / 1000) + seconds, retryAfterSec: seconds };
  }
}

export function bearerOf(req: IncomingMessage): string | null {
  const h = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m?.[1]?.trim() ?? null;
}
