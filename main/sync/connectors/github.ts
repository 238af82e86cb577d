/**
 * GitHub audit log, of an organisation (`GET {base}/orgs/{org}/audit-log`, options.org) or an
 * enterprise (`GET {base}/enterprises/{ent}/audit-log`, options.enterprise):
 * `include=all&per_page=100&order=asc&phrase=created:>=…`, then the `Link: rel="next"` cursors
 * GitHub returns, until there is none. The first page of a run starts at the high-water mark minus
 * the overlap window; the store's unique (tenant, _document_id) drops what it re-reads.
 *
 * Rate limits: a 429, or a 403 that says so (`x-ratelimit-remaining: 0`, or `retry-after` for
 * the secondary limits), waits for `retry-after` or `x-ratelimit-reset` and asks again; a good
 * answer with remaining 0 pauses until the reset. Credentials: a token sent as a Bearer.
 */
import type { Connector, ConnectionConfig, PullContext, PulledBatch, RemoteTenant, SyncCheckpoint } from '../connector.ts';
import { normalizerFor } from '../../ingest/sources/index.ts';
import { JsonClient, withQuery, type HttpContext, type SourcePolicy } from './http-json.ts';
import { pullLinkPages } from './link-pages.ts';
import { remaining, resetInMs, retryAfterMs } from './rate-limit.ts';

const PER_PAGE = 100;

interface Scope {
  path: string;
  what: string;
}

function scopeOf(conn: ConnectionConfig): Scope | null {
  const ent = typeof conn.options.enterprise === 'string' ? conn.options.enterprise.trim() : '';
  if (ent !== '') return { path: `/enterprises/${encodeURIComponent(ent)}/audit-log`, what: `enterprise ${ent}` };
  const org = typeof conn.options.org === 'string' ? conn.options.org.trim() : '';
  if (org !== '') return { path: `/orgs/${encodeURIComponent(org)}/audit-log`, what: `organisation ${org}` };
  return null;
}

function policyFor(scope: Scope): SourcePolicy {
  return {
    source: 'GitHub',
    rateLimitWait: (status, headers, now) => {
      if (status !== 429 && status !== 403) return null;
      const after = retryAfterMs(headers, now);
      if (after !== null) return after;
      if (status === 429 || remaining(headers, 'x-ratelimit-remaining') === 0) return resetInMs(headers, 'x-ratelimit-reset', now) ?? 60_000;
      return null;
    },
    pauseAfter: (headers, now) => (remaining(headers, 'x-ratelimit-remaining') === 0 ? resetInMs(headers, 'x-ratelimit-reset', now) : null),
    refusal: (status) => {
      if (status === 401) return 'GitHub refused the token (401): check it in Connections.';
      if (status === 403) return `GitHub refused access to the audit log of ${scope.what} (403): the token needs the read:audit_log scope and must belong to an owner.`;
      if (status === 404) return `GitHub found no audit log for ${scope.what} (404): check the name, and that the plan includes the audit log API (GitHub Enterprise Cloud).`;
      if (status === 422) return `GitHub rejected the audit log query for ${scope.what} (422): the start date may be malformed or too old.`;
      return null;
    },
  };
}

function headers(ctx: HttpContext): Record<string, string> {
  return {
    authorization: `Bearer ${ctx.credentials.secret}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  };
}

/** GitHub's search date form: 2026-01-02T03:04:05+00:00 (whole seconds, rounded down). */
export function githubDate(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

function requireScope(conn: ConnectionConfig, client: JsonClient): Scope {
  const scope = scopeOf(conn);
  if (scope === null) throw client.error('The GitHub connection names neither an organisation nor an enterprise: set one in Connections.');
  return scope;
}

export const githubConnector: Connector = {
  kind: 'github',

  async test(conn, ctx) {
    const scope = scopeOf(conn);
    const client = new JsonClient(policyFor(scope ?? { path: '', what: 'this connection' }), ctx);
    const s = requireScope(conn, client);
    const answer = await client.request(withQuery(conn.baseUrl, s.path, { per_page: 1, include: 'all' }), { headers: headers(ctx) });
    if (!Array.isArray(answer.body)) throw client.error(`GitHub answered the audit log of ${s.what} with something other than a list: check the base URL.`);
    return { ok: true, detail: `GitHub answered; the token can read the audit log of ${s.what}.` };
  },

  async listTenants(conn) {
    const scope = scopeOf(conn);
    const id = scope === null ? conn.baseUrl : scope.path.replace(/\/audit-log$/, '').slice(1);
    return [{ externalId: id, name: conn.label || id, sourceKind: 'github' }];
  },

  pull(conn, tenant, checkpoint, ctx) {
    return pullGithub(conn, tenant, checkpoint, ctx);
  },
};

async function* pullGithub(conn: ConnectionConfig, _tenant: RemoteTenant, checkpoint: SyncCheckpoint | null, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const scope = scopeOf(conn);
  const client = new JsonClient(policyFor(scope ?? { path: '', what: 'this connection' }), ctx);
  const s = requireScope(conn, client);
  const perPage = Math.min(PER_PAGE, Number(conn.options.pageSize ?? PER_PAGE) || PER_PAGE);
  yield* pullLinkPages({
    client,
    headers: headers(ctx),
    firstUrl: (start) => withQuery(conn.baseUrl, s.path, { phrase: `created:>=${githubDate(start)}`, include: 'all', per_page: perPage, order: 'asc' }),
    checkpoint,
    since: ctx.since,
    overlapMs: ctx.overlapMs,
    normalize: normalizerFor('github'),
    idField: '_document_id',
    where: 'GitHub',
    notAList: `GitHub answered the audit log of ${s.what} with something other than a list: check the base URL.`,
  });
}
