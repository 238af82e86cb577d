/**
 * Microsoft Entra ID through Microsoft Graph v1.0: `GET {base}/v1.0/auditLogs/directoryAudits`
 * (`$filter=activityDateTime ge … and activityDateTime le …`) and `GET …/auditLogs/signIns`
 * (`createdDateTime`), following `@odata.nextLink` until there is none. Graph pages newest first,
 * so a run reads a closed window [high-water − overlap, now] stream by stream, and the high-water
 * mark moves only when the whole window is read: a crash mid-window resumes at the stored
 * nextLink (or re-reads the window if Graph no longer takes it) and never leaves a gap.
 *
 * Token: OAuth client credentials, `POST {authority}/{tenantId}/oauth2/v2.0/token` with
 * options.clientId and the secret; one token per run, fetched again once on a 401. Throttling:
 * 429 (and 503 with Retry-After) waits for `Retry-After` and asks again.
 */
import type { Connector, ConnectionConfig, PullContext, PulledBatch, RemoteTenant, SyncCheckpoint } from '../connector.ts';
import { SyncError } from '../connector.ts';
import { normalizerFor } from '../../ingest/sources/index.ts';
import { JsonClient, isoMs, withQuery, type HttpContext, type SourcePolicy } from './http-json.ts';
import { maxOrNull, normalizePage, pageBatch, runStart } from './records.ts';
import { retryAfterMs } from './rate-limit.ts';

export type GraphStream = 'directoryAudits' | 'signIns';
const STREAMS: readonly GraphStream[] = ['directoryAudits', 'signIns'];
const TIME_FIELD: Record<GraphStream, string> = { directoryAudits: 'activityDateTime', signIns: 'createdDateTime' };
const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
const DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
const DEFAULT_TOP = 999;

/** Where a run stands inside its window: stored as the checkpoint's cursor (JSON). */
interface WindowState {
  stream: GraphStream;
  next: string | null;
  from: number;
  to: number;
  maxTs: number | null;
}

interface EntraOptions {
  tenantId: string;
  clientId: string;
  authority: string;
  scope: string;
  streams: GraphStream[];
  top: number;
}

function optionsOf(conn: ConnectionConfig): EntraOptions {
  const o = conn.options;
  const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const tenantId = str(o.tenantId);
  const clientId = str(o.clientId);
  if (tenantId === '' || clientId === '') {
    throw new SyncError('The Microsoft Entra connection needs a tenant id and an application (client) id: set them in Connections.');
  }
  const streams = Array.isArray(o.streams) ? STREAMS.filter((s) => (o.streams as unknown[]).includes(s)) : [...STREAMS];
  const top = Number(o.pageSize ?? DEFAULT_TOP);
  return {
    tenantId,
    clientId,
    authority: (str(o.authority) || DEFAULT_AUTHORITY).replace(/\/+$/, ''),
    scope: str(o.scope) || DEFAULT_SCOPE,
    streams: streams.length > 0 ? streams : [...STREAMS],
    top: Number.isInteger(top) && top > 0 ? Math.min(top, DEFAULT_TOP) : DEFAULT_TOP,
  };
}

function aadCode(body: unknown): string {
  const o = body as { error?: unknown; error_description?: unknown } | null;
  const desc = typeof o?.error_description === 'string' ? o.error_description : '';
  const m = /AADSTS\d+/.exec(desc);
  return m?.[0] ?? (typeof o?.error === 'string' ? o.error : 'no code');
}

function tokenPolicy(opts: EntraOptions): SourcePolicy {
  return {
    source: 'Microsoft Entra',
    rateLimitWait: (status, headers, now) => (status === 429 ? retryAfterMs(headers, now) ?? 0 : null),
    refusal: (status, body) => {
      const code = aadCode(body);
      if (code === 'AADSTS7000215' || code === 'AADSTS7000222' || code === 'invalid_client') {
        return `Microsoft Entra refused the client secret of app ${opts.clientId} (${code}): check it, or whether it expired, in Connections.`;
      }
      if (code === 'AADSTS700016') return `Microsoft Entra does not know app ${opts.clientId} in tenant ${opts.tenantId} (${code}): check the client id and the tenant id.`;
      if (code === 'AADSTS90002' || code === 'AADSTS90023' || status === 404) return `Microsoft Entra has no tenant ${opts.tenantId} (${code}): check the tenant id.`;
      return `Microsoft Entra refused to sign in app ${opts.clientId} (${status}, ${code}): check the tenant id, client id and secret in Connections.`;
    },
  };
}

function graphCode(body: unknown): string {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : '';
}

const graphPolicy: SourcePolicy = {
  source: 'Microsoft Graph',
  rateLimitWait: (status, headers, now) => {
    if (status === 429) return retryAfterMs(headers, now) ?? 0;
    if (status === 503 || status === 504) return retryAfterMs(headers, now);
    return null;
  },
  refusal: (status, body) => {
    const code = graphCode(body);
    if (status === 401) return `Microsoft Graph refused the access token (401${code ? ` ${code}` : ''}): check the app's tenant id and client secret in Connections.`;
    if (status === 403 && /NonPremium|B2C/i.test(code)) {
      return 'Microsoft Graph refused to list sign-ins (403): the tenant needs a Microsoft Entra ID P1 or P2 licence for sign-in logs; turn sign-ins off for this connection or add the licence.';
    }
    if (status === 403) return `Microsoft Graph refused to read the audit logs (403${code ? ` ${code}` : ''}): grant the app the AuditLog.Read.All application permission with admin consent.`;
    if (status === 400) return `Microsoft Graph rejected the query (400${code ? ` ${code}` : ''}): the start date may be older than Entra keeps (30 days).`;
    return null;
  },
};

/** Fetches and keeps one access token for the run; `renew` drops it after a 401. */
class TokenSource {
  private token: string | null = null;
  private readonly client: JsonClient;
  private readonly opts: EntraOptions;

  constructor(opts: EntraOptions, ctx: HttpContext) {
    this.opts = opts;
    this.client = new JsonClient(tokenPolicy(opts), ctx);
  }

  async get(): Promise<string> {
    if (this.token !== null) return this.token;
    const { authority, tenantId, clientId, scope } = this.opts;
    const body = new URLSearchParams({ client_id: clientId, client_secret: this.client.ctx.credentials.secret, scope, grant_type: 'client_credentials' });
    const answer = await this.client.request(`${authority}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    const token = (answer.body as { access_token?: unknown } | null)?.access_token;
    if (typeof token !== 'string' || token === '') throw this.client.error('Microsoft Entra answered the token request without an access token: check the authority URL.');
    this.token = token;
    return token;
  }

  renew(): void {
    this.token = null;
  }
}

/** One Graph GET with the run's token, asking for a new token once when Graph says it expired. */
async function graphGet(client: JsonClient, tokens: TokenSource, url: string): Promise<{ value: unknown[]; next: string | null }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await client.request(url, { headers: { authorization: `Bearer ${await tokens.get()}` } });
      const body = answer.body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
      if (!Array.isArray(body?.value)) throw client.error('Microsoft Graph answered without a "value" list: check the base URL (https://graph.microsoft.com).');
      const next = body['@odata.nextLink'];
      return { value: body.value, next: typeof next === 'string' && next !== '' ? next : null };
    } catch (err) {
      if (err instanceof SyncError && err.status === 401 && attempt === 0) {
        tokens.renew();
        continue;
      }
      throw err;
    }
  }
}

function firstUrl(conn: ConnectionConfig, opts: EntraOptions, state: WindowState): string {
  const field = TIME_FIELD[state.stream];
  return withQuery(conn.baseUrl, `/v1.0/auditLogs/${state.stream}`, {
    $filter: `${field} ge ${isoMs(state.from)} and ${field} le ${isoMs(state.to)}`,
    $top: opts.top,
  });
}

function parseState(cursor: string | null): WindowState | null {
  if (cursor === null) return null;
  try {
    const s = JSON.parse(cursor) as WindowState;
    if (STREAMS.includes(s.stream) && typeof s.from === 'number' && typeof s.to === 'number') return s;
  } catch {
    // A cursor from an older build: start the window again (the unique key drops repeats).
  }
  return null;
}

export const entraConnector: Connector = {
  kind: 'entra',

  async test(conn, ctx) {
    const opts = optionsOf(conn);
    const tokens = new TokenSource(opts, ctx);
    await tokens.get();
    const client = new JsonClient(graphPolicy, ctx);
    for (const stream of opts.streams) {
      await graphGet(client, tokens, withQuery(conn.baseUrl, `/v1.0/auditLogs/${stream}`, { $top: 1 }));
    }
    return { ok: true, detail: `Microsoft Entra tenant ${opts.tenantId} answered; app ${opts.clientId} can read ${opts.streams.join(' and ')}.` };
  },

  async listTenants(conn) {
    const opts = optionsOf(conn);
    return [{ externalId: opts.tenantId, name: conn.label || opts.tenantId, sourceKind: 'entra' }];
  },

  pull(conn, tenant, checkpoint, ctx) {
    return pullEntra(conn, tenant, checkpoint, ctx);
  },
};

async function* pullEntra(conn: ConnectionConfig, _tenant: RemoteTenant, checkpoint: SyncCheckpoint | null, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const opts = optionsOf(conn);
  const client = new JsonClient(graphPolicy, ctx);
  const tokens = new TokenSource(opts, ctx);
  const normalize = normalizerFor('entra');
  const highWater = checkpoint?.highWater ?? null;
  const stored = parseState(checkpoint?.cursor ?? null);
  let state: WindowState = stored !== null && opts.streams.includes(stored.stream) ? stored : {
    stream: opts.streams[0] ?? 'directoryAudits',
    next: null,
    from: runStart(highWater, ctx.since, ctx.overlapMs),
    to: client.clock.now(),
    maxTs: null,
  };
  let resumedLink = state.next !== null;
  for (let pageNo = 1; ; pageNo++) {
    let page: { value: unknown[]; next: string | null };
    try {
      page = await graphGet(client, tokens, state.next ?? firstUrl(conn, opts, state));
    } catch (err) {
      // A nextLink kept from an earlier run may have expired: read this stream's window again.
      if (resumedLink && err instanceof SyncError && !err.retryable && (err.status === 400 || err.status === 410)) {
        resumedLink = false;
        state = { ...state, next: null };
        continue;
      }
      throw err;
    }
    resumedLink = false;
    const normalized = normalizePage(page.value, normalize, 'id', `Graph ${state.stream} page ${pageNo}`);
    state = { ...state, next: page.next, maxTs: maxOrNull(state.maxTs, normalized.newest) };
    let checkpointOut: SyncCheckpoint;
    let done = false;
    if (page.next !== null) {
      checkpointOut = { cursor: JSON.stringify(state), highWater };
    } else {
      const after = opts.streams[opts.streams.indexOf(state.stream) + 1];
      if (after !== undefined) {
        state = { ...state, stream: after, next: null };
        checkpointOut = { cursor: JSON.stringify(state), highWater };
      } else {
        checkpointOut = { cursor: null, highWater: maxOrNull(highWater, state.maxTs) };
        done = true;
      }
    }
    yield pageBatch(normalized, checkpointOut);
    if (done) return;
  }
}
