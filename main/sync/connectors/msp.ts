/**
 * An MSP account on a managed-security portal: one connection, many tenants. The account lists
 * its customers; each customer syncs as its own tenant (its audit log, in the portal REST shape),
 * and the MSP portal's own activity (configuration and administration: users, collectors and
 * agents, integrations and gateways, reports and rules) syncs as one more tenant. A customer that
 * appears remotely appears on the next listTenants; one removed remotely is simply no longer
 * listed (its local events stay). What is listed is the remote role's decision.
 *
 * The MSP API (bearer token; the simulator in test/sim/tenants speaks it):
 *   GET {base}/api/v1/me
 *       → { account: { id, name }, user: { name, email, role } }   role: Admin | Supervisor | Analyst
 *   GET {base}/api/v1/customers
 *       → { data: [ { id, slug, name } ] }   Admin: every customer; Supervisor: those assigned to
 *         them; Analyst: 403 { error: "forbidden", role, message }
 *   GET {base}/api/v1/activity?from=&to=&limit=&cursor=
 *       → { data: [ { id?, timestamp, action, object: { type, id, name }, performer: { name, email,
 *         role }, context: { … } } ], meta: { next_cursor } }   Admin and Supervisor; Analyst: 403
 *   GET {base}/t/{slug}/api/v1/audit-logs?from=&to=&event_type=&actor=&limit=&cursor=
 *       → a customer's audit log in the portal REST shape (./portal.ts), for the customers the
 *         role may see; 403 { error, role } otherwise.
 * Rate limits as in ./portal-feed.ts.
 */
import type { Connector, ConnectionConfig, PullContext, PulledBatch, RemoteTenant, SyncCheckpoint } from '../connector.ts';
import { SyncError } from '../connector.ts';
import { JsonClient, isoMs, withQuery, type HttpContext } from './http-json.ts';
import { auditLogsUrl, bearer, portalPageSize } from './portal.ts';
import { portalPolicy, pullPortalFeed, refusalField } from './portal-feed.ts';

export const MSP_OWN_TENANT = 'msp:activity';

interface Me {
  account: string;
  role: string;
}

function mspPolicy(what: string, knownRole: string | null, gone?: string) {
  return portalPolicy('The MSP portal', (status, body) => {
    const role = refusalField(body, 'role') ?? knownRole;
    if (status === 401) return 'The MSP portal refused the API token (401): check it in Connections.';
    if (status === 403) {
      return role === 'Analyst'
        ? `The MSP portal refused ${what} for role Analyst (403): an Analyst cannot sync; connect with an Admin or Supervisor account.`
        : `The MSP portal refused ${what} for role ${role ?? 'unknown'} (403): ask a portal Admin to grant this account access.`;
    }
    if (status === 404 && gone !== undefined) return gone;
    if (status === 404) return `The MSP portal has no ${what} at this address (404): check the base URL.`;
    return null;
  });
}

async function whoAmI(conn: ConnectionConfig, ctx: HttpContext): Promise<Me> {
  const client = new JsonClient(mspPolicy('the account details', null), ctx);
  const answer = await client.request(withQuery(conn.baseUrl, '/api/v1/me', {}), { headers: bearer(ctx) });
  const body = answer.body as { account?: { name?: unknown }; user?: { role?: unknown } } | null;
  const role = body?.user?.role;
  if (typeof role !== 'string') throw client.error('The MSP portal answered /api/v1/me without a role: check the base URL.');
  return { account: typeof body?.account?.name === 'string' ? body.account.name : 'MSP', role };
}

export const mspConnector: Connector = {
  kind: 'msp',

  async test(conn, ctx) {
    const me = await whoAmI(conn, ctx);
    const tenants = await listMspTenants(conn, ctx, me);
    return { ok: true, detail: `The MSP portal answered: account ${me.account}, role ${me.role}, ${tenants.length - 1} customer tenant(s) visible.` };
  },

  async listTenants(conn, ctx) {
    return listMspTenants(conn, ctx, await whoAmI(conn, ctx));
  },

  pull(conn, tenant, checkpoint, ctx) {
    return pullMsp(conn, tenant, checkpoint, ctx);
  },
};

async function listMspTenants(conn: ConnectionConfig, ctx: HttpContext, me: Me): Promise<RemoteTenant[]> {
  const client = new JsonClient(mspPolicy('the list of customers', me.role), ctx);
  const answer = await client.request(withQuery(conn.baseUrl, '/api/v1/customers', {}), { headers: bearer(ctx) });
  const data = (answer.body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw client.error('The MSP portal answered the customer list without a "data" list: check the base URL.');
  const tenants: RemoteTenant[] = [{
    externalId: MSP_OWN_TENANT,
    name: `${me.account} (portal activity)`,
    sourceKind: 'portal',
    options: { feed: 'activity', role: me.role },
  }];
  for (const c of data) {
    const o = c as { id?: unknown; slug?: unknown; name?: unknown } | null;
    if (typeof o?.slug !== 'string' || o.slug === '') continue;
    const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : o.slug;
    tenants.push({
      externalId: `customer:${id}`,
      name: typeof o.name === 'string' && o.name !== '' ? o.name : o.slug,
      sourceKind: 'portal',
      options: { feed: 'customer', slug: o.slug, role: me.role },
    });
  }
  return tenants;
}

function pullMsp(conn: ConnectionConfig, tenant: RemoteTenant, checkpoint: SyncCheckpoint | null, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const role = typeof tenant.options?.role === 'string' ? tenant.options.role : null;
  const headers = bearer(ctx);
  const common = { headers, checkpoint, since: ctx.since, overlapMs: ctx.overlapMs };
  if (tenant.externalId === MSP_OWN_TENANT) {
    return pullPortalFeed({
      ...common,
      client: new JsonClient(mspPolicy("the portal's own activity", role), ctx),
      firstUrl: (start) => withQuery(conn.baseUrl, '/api/v1/activity', { from: isoMs(start), limit: portalPageSize(conn) }),
      where: 'MSP portal activity',
    });
  }
  const slug = tenant.options?.slug;
  if (typeof slug !== 'string' || slug === '') {
    throw new SyncError(`The MSP tenant ${tenant.name} has no customer slug: list the connection's tenants again.`);
  }
  return pullPortalFeed({
    ...common,
    client: new JsonClient(mspPolicy(`customer ${tenant.name}`, role,
      `The MSP portal no longer has customer ${tenant.name} (404): it was removed remotely; the events already synced stay in the workspace.`), ctx),
    firstUrl: (start) => auditLogsUrl(conn, slug, start),
    where: `MSP customer ${tenant.name}`,
  });
}
