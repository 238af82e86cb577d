/**
 * The paging the identity portals share (per-tenant audit logs and the MSP portal's activity):
 * `?from=…&to=…&limit=…` answers `{ "data": [ … ], "meta": { "next_cursor": "…" | null } }`,
 * oldest first, and the next page is the same query with `cursor=<next_cursor>`. Rate limits:
 * 429 with `Retry-After`, and `X-RateLimit-Remaining` / `X-RateLimit-Reset` (epoch seconds) on
 * every answer. A run starts at the high-water mark minus the overlap window and ends when
 * next_cursor is null; its last checkpoint puts the cursor back to null.
 */
import type { PulledBatch } from '../connector.ts';
import { normalizerFor } from '../../ingest/sources/index.ts';
import type { SourcePolicy } from './http-json.ts';
import { maxOrNull, normalizePage, pageBatch, runStart, type PagedRun } from './records.ts';
import { remaining, resetInMs, retryAfterMs } from './rate-limit.ts';

export const DEFAULT_PORTAL_PAGE = 500;
const MAX_SAME_PAGE = 3;

/** A portal policy: the rate-limit reading is shared, the refusal sentences are the caller's. */
export function portalPolicy(source: string, refusal: SourcePolicy['refusal']): SourcePolicy {
  return {
    source,
    rateLimitWait: (status, headers, now) => (status === 429 ? retryAfterMs(headers, now) ?? resetInMs(headers, 'x-ratelimit-reset', now) ?? 0 : null),
    pauseAfter: (headers, now) => (remaining(headers, 'x-ratelimit-remaining') === 0 ? resetInMs(headers, 'x-ratelimit-reset', now) : null),
    refusal,
  };
}

/** The `role` or `message` a portal puts in a refusal body, for sentences. */
export function refusalField(body: unknown, key: 'role' | 'message' | 'error'): string | null {
  const v = (body as Record<string, unknown> | null)?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The URL of the page after `current`, given the answer's next_cursor. */
function nextPageUrl(current: string, cursor: string): string {
  const url = new URL(current);
  url.searchParams.set('cursor', cursor);
  return url.toString();
}

export async function* pullPortalFeed(args: PagedRun): AsyncGenerator<PulledBatch> {
  const { client } = args;
  const normalize = normalizerFor('portal');
  let highWater = args.checkpoint?.highWater ?? null;
  let url = args.checkpoint?.cursor ?? args.firstUrl(runStart(highWater, args.since, args.overlapMs));
  let sameUrl = 0;
  for (let pageNo = 1; ; pageNo++) {
    const answer = await client.request(url, { headers: args.headers });
    const body = answer.body as { data?: unknown; meta?: { next_cursor?: unknown } } | null;
    if (!Array.isArray(body?.data)) throw client.error(`${client.policy.source} answered without a "data" list: check the base URL.`);
    const page = normalizePage(body.data, normalize, 'id', `${args.where} page ${pageNo}`);
    highWater = maxOrNull(highWater, page.newest);
    const cursor = body.meta?.next_cursor;
    const next = typeof cursor === 'string' && cursor !== '' ? nextPageUrl(url, cursor) : null;
    sameUrl = next === url ? sameUrl + 1 : 0;
    // An empty page with a cursor would only hand out more empty pages: the run is caught up. A
    // portal that keeps pointing at the page it just served is stuck: end the run there.
    const done = next === null || body.data.length === 0 || sameUrl >= MAX_SAME_PAGE;
    yield pageBatch(page, { cursor: done ? null : next, highWater });
    if (done) return;
    url = next;
  }
}
