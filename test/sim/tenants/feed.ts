/**
 * One simulated audit stream: records sorted by (time, sequence), each kept as the exact JSON
 * text the server sends, with keyset paging both ways (Okta, GitHub and the portals read oldest
 * first; Graph newest first). Late records exist from the start but stay hidden until `reveal()`
 * (a test calls it between two sync runs; the CLI after a delay): they then appear behind the
 * client's cursor, with older timestamps, where only an overlap re-read finds them.
 */
import { createHash } from 'node:crypto';
import { derivedSourceId } from '../../../main/ingest/sources/derived-id.ts';

export interface FeedRecord {
  ts: number;
  seq: number;
  /** The record's own id, or null when the source sent none (the client derives one). */
  id: string | null;
  json: string;
  late: boolean;
  broken: boolean;
}

export interface PageQuery {
  from?: number;
  to?: number;
  /** Keyset cursor of the last record already read, from `cursorOf`. */
  after?: string | null;
  limit: number;
  order: 'asc' | 'desc';
  /** Keep only these records (the portals' event_type and actor filters). */
  where?: (body: Record<string, unknown>) => boolean;
}

export interface Page {
  records: FeedRecord[];
  /** Cursor after the last record returned; null when the page reached the end. */
  next: string | null;
  /** Cursor of the last record returned, or the request's own cursor when it returned none. */
  last: string | null;
}

export function cursorOf(r: Pick<FeedRecord, 'ts' | 'seq'>): string {
  return Buffer.from(`${r.ts}:${r.seq}`).toString('base64url');
}

function parseCursor(cursor: string): [number, number] | null {
  const m = /^(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m === null ? null : [Number(m[1]), Number(m[2])];
}

export class Feed {
  readonly name: string;
  readonly records: FeedRecord[];
  private revealed = false;

  constructor(name: string, items: { ts: number; body: Record<string, unknown>; id: string | null; late?: boolean; broken?: boolean }[]) {
    this.name = name;
    const sorted = items.map((it, i) => ({ ...it, i })).sort((a, b) => a.ts - b.ts || a.i - b.i);
    this.records = sorted.map((it, seq) => ({ ts: it.ts, seq, id: it.id, json: JSON.stringify(it.body), late: it.late === true, broken: it.broken === true }));
  }

  get lateCount(): number {
    return this.records.filter((r) => r.late).length;
  }

  get lateRevealed(): boolean {
    return this.revealed;
  }

  reveal(): void {
    this.revealed = true;
  }

  /** Every record the client should end up with: source id (own or derived) → sha256 of the raw. */
  expected(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.records) if (!r.broken) out.set(r.id ?? derivedSourceId(r.json), sha256(r.json));
    return out;
  }

  get brokenCount(): number {
    return this.records.filter((r) => r.broken).length;
  }

  lateIds(): string[] {
    return this.records.filter((r) => r.late).map((r) => r.id ?? derivedSourceId(r.json));
  }

  /** Throws a sentence for a cursor this feed never handed out (the caller answers 400). */
  page(q: PageQuery): Page {
    const after = q.after === undefined || q.after === null ? null : parseCursor(q.after);
    if (q.after !== undefined && q.after !== null && after === null) throw new Error(`invalid cursor "${q.after}"`);
    const from = q.from ?? -Infinity;
    const to = q.to ?? Infinity;
    const out: FeedRecord[] = [];
    const n = this.records.length;
    const visible = (i: number): boolean => {
      const r = this.records[i]!;
      if ((r.late && !this.revealed) || r.ts < from || r.ts > to) return false;
      // Filters are rare (the portals' event_type and actor): parse only then, keep only the text.
      return q.where === undefined || q.where(JSON.parse(r.json) as Record<string, unknown>);
    };
    let more = false;
    if (q.order === 'asc') {
      let i = after === null ? lowerBound(this.records, from, 0) : upperBoundKey(this.records, after);
      for (; i < n; i++) {
        if (this.records[i]!.ts > to) break;
        if (!visible(i)) continue;
        if (out.length === q.limit) {
          more = true;
          break;
        }
        out.push(this.records[i]!);
      }
    } else {
      let i = after === null ? upperBoundTs(this.records, to) - 1 : lowerBoundKey(this.records, after) - 1;
      for (; i >= 0; i--) {
        if (this.records[i]!.ts < from) break;
        if (!visible(i)) continue;
        if (out.length === q.limit) {
          more = true;
          break;
        }
        out.push(this.records[i]!);
      }
    }
    const lastRec = out.at(-1);
    const last = lastRec === undefined ? q.after ?? null : cursorOf(lastRec);
    return { records: out, next: more ? last : null, last };
  }

  /** The JSON array of a page, built from the stored texts so the bytes are exactly those. */
  static jsonArray(records: readonly FeedRecord[]): string {
    return `[${records.map((r) => r.json).join(',')}]`;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function lowerBound(rs: readonly FeedRecord[], ts: number, _seq: number): number {
  let lo = 0;
  let hi = rs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rs[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundTs(rs: readonly FeedRecord[], ts: number): number {
  let lo = 0;
  let hi = rs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rs[mid]!.ts <= ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose (ts, seq) is greater than the key. */
function upperBoundKey(rs: readonly FeedRecord[], [ts, seq]: [number, number]): number {
  let lo = 0;
  let hi = rs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid]!;
    if (r.ts < ts || (r.ts === ts && r.seq <= seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose (ts, seq) is at least the key. */
function lowerBoundKey(rs: readonly FeedRecord[], [ts, seq]: [number, number]): number {
  let lo = 0;
  let hi = rs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid]!;
    if (r.ts < ts || (r.ts === ts && r.seq < seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
