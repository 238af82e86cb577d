/**
 * Okta System Log: `GET {base}/api/v1/logs?since=…&sortOrder=ASCENDING&limit=…`, then only ever
 * the `Link: rel="next"` URL Okta returns (never a hand-built `after`). Okta keeps returning a
 * next link when caught up ("poll again later"), so a run ends at the first empty page and its
 * last checkpoint sets the cursor back to null: the next run starts again at `since` = high-water
 * mark minus the overlap window, and the store's unique (tenant, uuid) drops what it re-reads.
 *
 * Rate limits: every answer carries X-Rate-Limit-Limit/Remaining/Reset (epoch seconds). At
 * Remaining 0 the next call waits for the reset; a 429 waits for the reset and asks again.
 * Credentials: an API token (`Authorization: SSWS …`, the default) or an OAuth access token
 * (scheme 'bearer').
 */
import type { Connector, ConnectionConfig, PullContext, PulledBatch, RemoteTenant, SyncCheckpoint } from '../connector.ts';
import { normalizerFor } from '../../ingest/sources/index.ts';
import { JsonClient, isoMs, withQuery, type HttpContext, type SourcePolicy } from './http-json.ts';
import { pullLinkPages } from './link-pages.ts';
import { remaining, resetInMs } from './rate-limit.ts';

const SOURCE = 'Okta';
/** Okta's maximum page size for /api/v1/logs. */
const MAX_LIMIT = 1000;

function errorSummary(body: unknown): string {
  const o = body as { errorCode?: unknown; errorSummary?: unknown } | null;
  return typeof o?.errorCode === 'string' ? ` ${o.errorCode}` : '';
}

export const oktaPolicy: SourcePolicy = {
  source: SOURCE,
  rateLimitWait: (status, headers, now) => (status === 429 ? resetInMs(headers, 'x-rate-limit-reset', now) ?? 0 : null),
  pauseAfter: (headers, now) => (remaining(headers, 'x-rate-limit-remaining') === 0 ? resetInMs(headers, 'x-rate-limit-reset', now) : null),
  refusal: (status, body) => {
    if (status === 401) return `Okta refused the API token (401${errorSummary(body)}): check it in Connections.`;
    if (status === 403) return `Okta refused to show the System Log (403${errorSummary(body)}): the token's admin needs a role that can read it (Read-only Administrator or higher), or the OAuth app needs okta.logs.read.`;
    if (status === 404) return 'Okta has no System Log at this address (404): check the base URL (https://your-org.okta.com).';
    if (status === 400) return `Okta rejected the query (400${errorSummary(body)}): the start date may be older than Okta keeps (90 days).`;
    return null;
  },
};

function authHeader(ctx: HttpContext): Record<string, string> {
  const scheme = (ctx.credentials.scheme ?? 'ssws').toLowerCase();
  return { authorization: scheme === 'bearer' ? `Bearer ${ctx.credentials.secret}` : `SSWS ${ctx.credentials.secret}` };
}

function pageSize(conn: ConnectionConfig): number {
  const n = Number(conn.options.pageSize ?? MAX_LIMIT);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_LIMIT) : MAX_LIMIT;
}

function firstUrl(conn: ConnectionConfig, sinceMs: number): string {
  return withQuery(conn.baseUrl, '/api/v1/logs', { since: isoMs(sinceMs), sortOrder: 'ASCENDING', limit: pageSize(conn) });
}

function orgName(conn: ConnectionConfig): string {
  try {
    return new URL(conn.baseUrl).host;
  } catch {
    return conn.baseUrl;
  }
}

export const oktaConnector: Connector = {
  kind: 'okta',

  async test(conn, ctx) {
    const client = new JsonClient(oktaPolicy, ctx);
    const url = withQuery(conn.baseUrl, '/api/v1/logs', { limit: 1 });
    const answer = await client.request(url, { headers: authHeader(ctx) });
    if (!Array.isArray(answer.body)) throw client.error('Okta answered /api/v1/logs with something other than a list of events: check the base URL.');
    return { ok: true, detail: `Okta org ${orgName(conn)} answered; the token can read the System Log.` };
  },

  async listTenants(conn) {
    return [{ externalId: orgName(conn), name: conn.label || orgName(conn), sourceKind: 'okta' }];
  },

  pull(conn, tenant, checkpoint, ctx) {
    return pullOkta(conn, tenant, checkpoint, ctx);
  },
};

async function* pullOkta(conn: ConnectionConfig, _tenant: RemoteTenant, checkpoint: SyncCheckpoint | null, ctx: PullContext): AsyncGenerator<PulledBatch> {
  yield* pullLinkPages({
    client: new JsonClient(oktaPolicy, ctx),
    headers: authHeader(ctx),
    firstUrl: (start) => firstUrl(conn, start),
    checkpoint,
    since: ctx.since,
    overlapMs: ctx.overlapMs,
    normalize: normalizerFor('okta'),
    idField: 'uuid',
    where: 'Okta',
    notAList: 'Okta answered the System Log with something other than a list of events: check the base URL.',
  });
}
