/**
 * Single-use download tickets (browser mode, issue 10). A browser can stream a download to disk
 * only by navigating to a URL, and a navigation carries no header, while the API token must never
 * go into a URL. So the page asks `exports.downloadTicket` (with the token header) for a random
 * ticket bound to one export's file, and the browser fetches `GET /download?…&ticket=…` once.
 * Tickets live only in this process's memory (never in the workspace), end after about a minute
 * and on first use, so a URL left in the browser's history or a log opens nothing.
 */
import { randomBytes } from 'node:crypto';

export type DownloadFile = 'data' | 'manifest';
export interface DownloadTicket {
  id: number;
  file: DownloadFile;
  expiresAt: number;
}

export const TICKET_TTL_MS = 60_000;
/** Outstanding tickets kept at most; the oldest goes first, so a busy page cannot grow memory. */
const MAX_OUTSTANDING = 256;

export class DownloadTickets {
  private readonly tickets = new Map<string, DownloadTicket>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(opts: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = opts.ttlMs ?? TICKET_TTL_MS;
    this.now = opts.now ?? (() => Date.now());
  }

  /** A new ticket for export `id`'s `file`. */
  mint(id: number, file: DownloadFile): { ticket: string; expiresAt: number } {
    const now = this.now();
    for (const [key, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(key);
    while (this.tickets.size >= MAX_OUTSTANDING) this.tickets.delete(this.tickets.keys().next().value!);
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.tickets.set(ticket, { id, file, expiresAt });
    return { ticket, expiresAt };
  }

  /** What the ticket opens, once: null when it is unknown, already used or expired. */
  redeem(ticket: string): DownloadTicket | null {
    const found = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return found && found.expiresAt > this.now() ? found : null;
  }

  get outstanding(): number {
    return this.tickets.size;
  }
}
