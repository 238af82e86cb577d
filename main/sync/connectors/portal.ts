/**
 * An identity portal's per-tenant audit log, with a bearer admin token:
 * `GET {base}/t/{tenantSlug}/api/v1/audit-logs?from=&to=&event_type=&actor=&limit=&cursor=`
 * (paging in ./portal-feed.ts). options: tenantSlug (required), eventType and actor (optional
 * filters the portal applies), pageSize.
 */
import type { Connector, ConnectionConfig, PullContext, PulledBatch, RemoteTenant, SyncCheckpoint } from '../connector.ts';
import { SyncError } from '../connector.ts';
import { JsonClient, isoMs, withQuery, type HttpContext } from './http-json.ts';
import { DEFAULT_PORTAL_PAGE, portalPolicy, pullPortalFeed, refusalField } from './portal-feed.ts';

function slugOf(conn: ConnectionConfig): string {
  const slug = typeof conn.options.tenantSlug === 'string' ? conn.options.tenantSlug.trim() : '';
  if (slug === '') throw new SyncError('The portal connection names no tenant slug: set it in Connections.');
  return slug;
}

function policyFor(slug: string) {
  return portalPolicy('The portal', (status, body) => {
    if (status === 401) return `The portal refused the admin token for tenant ${slug} (401): check it in Connections.`;
    if (status === 403) {
      const role = refusalField(body, 'role');
      return `The portal refused the audit log of tenant ${slug} (403${role !== null ? `, role ${role}` : ''}): the token must belong to an admin of that tenant.`;
    }
    if (status === 404) return `The portal has no tenant ${slug} (404): check the tenant slug and the base URL.`;
    if (status === 400) return `The portal rejected the audit log query for tenant ${slug} (400${refusalField(body, 'message') !== null ? `: ${refusalField(body, 'message')}` : ''}).`;
    return null;
  });
}

export function bearer(ctx: HttpContext): Record<string, string> {
  return { authorization: `Bearer ${ctx.credentials.secret}` };
}

export function portalPageSize(conn: ConnectionConfig): number {
  const n = Number(conn.options.pageSize ?? DEFAULT_PORTAL_PAGE);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : DEFAULT_PORTAL_PAGE;
}

/** First page of a tenant's audit log from `start`, with the connection's optional filters. */
export function auditLogsUrl(conn: ConnectionConfig, slug: string, start: number): string {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return withQuery(conn.baseUrl, `/t/${encodeURIComponent(slug)}/api/v1/audit-logs`, {
    from: isoMs(start),
    event_type: str(conn.options.eventType),
    actor: str(conn.options.actor),
    limit: portalPageSize(conn),
  });
}

export const portalConnector: Connector = {
  kind: 'portal',

  async test(conn, ctx) {
    const slug = slugOf(conn);
    const client = new JsonClient(policyFor(slug), ctx);
    const url = withQuery(conn.baseUrl, `/t/${encodeURIComponent(slug)}/api/v1/audit-logs`, { limit: 1 });
    await client.request(url, { headers: bearer(ctx) });
    return { ok: true, detail: `The portal answered; the token can read the audit log of tenant ${slug}.` };
  },

  async listTenants(conn) {
    const slug = slugOf(conn);
    return [{ externalId: slug, name: conn.label || slug, sourceKind: 'portal' }];
  },

  pull(conn, tenant, checkpoint, ctx) {
    return pullPortal(conn, tenant, checkpoint, ctx);
  },
};

function pullPortal(conn: ConnectionConfig, _tenant: RemoteTenant, checkpoint: SyncCheckpoint | null, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const slug = slugOf(conn);
  return pullPortalFeed({
    client: new JsonClient(policyFor(slug), ctx),
    headers: bearer(ctx),
    firstUrl: (start) => auditLogsUrl(conn, slug, start),
    checkpoint,
    since: ctx.since,
    overlapMs: ctx.overlapMs,
    where: `Portal tenant ${slug}`,
  });
}
