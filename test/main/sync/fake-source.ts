/**
 * An in-memory audit source and a connector over it, for engine tests: deterministic events in
 * time order, pages with a cursor, the overlap re-read when a run starts without a cursor, and
 * faults on request (retryable errors with or without Retry-After, a truncated page, a repeated
 * page, a refusal). It records how many pulls run at once, to check the concurrency limit.
 */
import { createHash } from 'node:crypto';
import { normalizedEvent, type NormalizedEvent } from '../../../main/domain/event.ts';
import { SyncError, type Connector, type PulledBatch, type SyncCheckpoint } from '../../../main/sync/connector.ts';

export interface SourceEvent {
  id: string;
  ts: number;
  raw: string;
}

export function makeEvents(count: number, opts: { start?: number; stepMs?: number; prefix?: string } = {}): SourceEvent[] {
  const start = opts.start ?? Date.UTC(2025, 0, 1);
  const step = opts.stepMs ?? 1_000;
  const prefix = opts.prefix ?? 'e';
  return Array.from({ length: count }, (_, i) => {
    const ts = start + i * step;
    const id = `${prefix}-${i}`;
    return { id, ts, raw: JSON.stringify({ uuid: id, published: new Date(ts).toISOString(), eventType: 'user.session.start', n: i }) };
  });
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export type Fault = 'retryable' | 'retry-after' | 'truncated' | 'repeat' | 'refuse-401';

export interface FakeTenantSource {
  events: SourceEvent[];
  pageSize: number;
  /** Called before each page request with the request's number (1-based); a fault or null. */
  faultAt?: (request: number) => Fault | null;
  /** Delay before answering each page (ms), to let tests cancel mid-run. */
  delayMs?: number;
  requests: number;
}

export class FakeSource {
  readonly tenants = new Map<string, FakeTenantSource>();
  running = 0;
  maxRunning = 0;
  /** Every Retry-After the source asked for. */
  readonly retryAfters: number[] = [];

  add(externalId: string, source: Omit<FakeTenantSource, 'requests'>): FakeTenantSource {
    const t = { ...source, requests: 0 };
    t.events.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
    this.tenants.set(externalId, t);
    return t;
  }

  /** A late event: it enters the source in time order, behind what may already have been read. */
  insertLate(externalId: string, event: SourceEvent): void {
    const t = this.tenants.get(externalId)!;
    t.events.push(event);
    t.events.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
  }

  connector(): Connector {
    const tenants = this.tenants;
    const pull = this.pull.bind(this);
    return {
      kind: 'okta',
      async test() {
        return { ok: true, detail: 'fake source answered' };
      },
      async listTenants() {
        return [...tenants.keys()].map((externalId) => ({ externalId, name: `Tenant ${externalId}`, sourceKind: 'okta' }));
      },
      pull(_conn, tenant, checkpoint, ctx) {
        return pull(tenant.externalId, checkpoint, ctx.since, ctx.overlapMs, ctx.signal);
      },
    };
  }

  private async *pull(externalId: string, checkpoint: SyncCheckpoint | null, since: number, overlapMs: number, signal: AbortSignal): AsyncGenerator<PulledBatch> {
    const t = this.tenants.get(externalId);
    if (!t) throw new SyncError(`Fake source has no tenant ${externalId}.`);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      // The cursor is "the ts and id after which to continue"; without one, start at high water − overlap.
      let after: { ts: number; id: string } | null = checkpoint?.cursor ? (JSON.parse(checkpoint.cursor) as { ts: number; id: string }) : null;
      const from = checkpoint?.highWater != null ? checkpoint.highWater - overlapMs : since;
      let highWater = checkpoint?.highWater ?? null;
      for (;;) {
        t.requests++;
        if (t.delayMs) await new Promise((r) => setTimeout(r, t.delayMs));
        signal.throwIfAborted();
        const fault = t.faultAt?.(t.requests) ?? null;
        if (fault === 'retryable') throw new SyncError('Fake source answered 503 (a server error): Trailkeeper will try again.', { retryable: true, status: 503 });
        if (fault === 'retry-after') {
          this.retryAfters.push(30);
          throw new SyncError('Fake source is rate limiting requests (429).', { retryable: true, status: 429, retryAfterMs: 30 });
        }
        if (fault === 'truncated') JSON.parse('[{"uuid": "x", "publ');
        if (fault === 'refuse-401') throw new SyncError('Okta refused the API token (401): check it in Connections.', { status: 401 });
        const start = after === null ? t.events.findIndex((e) => e.ts >= from) : t.events.findIndex((e) => e.ts > after!.ts || (e.ts === after!.ts && e.id > after!.id));
        const page = start < 0 ? [] : t.events.slice(start, start + t.pageSize);
        if (page.length === 0) {
          yield { events: [], checkpoint: { cursor: null, highWater } };
          return;
        }
        const last = page[page.length - 1]!;
        highWater = Math.max(highWater ?? last.ts, last.ts);
        const events: NormalizedEvent[] = page.map((e) =>
          normalizedEvent({ sourceId: e.id, ts: e.ts, tsRaw: new Date(e.ts).toISOString(), action: 'user.session.start', raw: e.raw }),
        );
        // A repeated page: the same events again, with the same checkpoint (the unique key drops them).
        const cursor = JSON.stringify({ ts: last.ts, id: last.id });
        yield { events, checkpoint: { cursor, highWater } };
        if (fault === 'repeat') yield { events, checkpoint: { cursor, highWater } };
        after = { ts: last.ts, id: last.id };
      }
    } finally {
      this.running--;
    }
  }
}
