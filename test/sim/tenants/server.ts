/**
 * The tenant simulator: one loopback HTTP server (port 0) that speaks the protocols Trailkeeper's
 * connectors pull from, over deterministic data, with faults on request:
 *   /okta/{org}/api/v1/logs                        Okta System Log (SSWS or Bearer)
 *   /github/orgs/{org}/audit-log                   GitHub organisation audit log (Bearer)
 *   /github/enterprises/{ent}/audit-log            GitHub enterprise audit log
 *   /login/{tenantId}/oauth2/v2.0/token            Entra token endpoint (client credentials)
 *   /graph/v1.0/auditLogs/{directoryAudits|signIns} Microsoft Graph (Bearer from the token endpoint)
 *   /portal/t/{slug}/api/v1/audit-logs             a portal's per-tenant REST audit log (Bearer admin)
 *   /msp/api/v1/{me,customers,activity}            the MSP portal (Bearer; roles Admin, Supervisor, Analyst)
 *   /msp/t/{slug}/api/v1/audit-logs                an MSP customer's audit log
 * The answers, headers, paging and refusals follow each source's documentation; the routes of
 * the portal and the MSP API are documented in main/sync/connectors/{portal-feed,msp}.ts.
 * Tokens are checked (401/403 as the real APIs answer). Rate limits are counted against an
 * injectable clock, so a test can show the connector waited without waiting itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIM } from './credentials.ts';
import { githubItems, graphAuditItems, graphSignInItems, mspActivityItems, oktaItems, portalItems, type Span } from './data.ts';
import { Faults, type FaultKind, type FaultPlan } from './faults.ts';
import { Feed } from './feed.ts';
import { RateWindow, bearerOf, readBody, sendJson, type Headers } from './http-kit.ts';

export interface TenantSimOptions {
  seed?: string;
  /** Newest event time (UTC ms); default 2026-01-15T00:00Z. */
  end?: number;
  /** History length (ms); default 30 days. */
  span?: number;
  /** Records per feed (default 2000), or per feed name (`okta:acme`, `graph:signIns`, …). */
  events?: number;
  sizes?: Record<string, number>;
  /** Late records per feed (default 0) and how far behind the newest they are timed (default 10 min). */
  late?: number;
  lateWindowMs?: number;
  /** Records per feed with an unreadable time, which the connector must report as problems. */
  broken?: number;
  faults?: FaultPlan | null;
  /** The clock rate-limit windows and reset headers use; default Date.now. */
  now?: () => number;
  /** Calls per minute per protocol before the simulator refuses with its rate-limit answer. */
  rateLimit?: number;
  /** Graph access tokens stop working after this many calls (the client must fetch a new one). */
  graphTokenUses?: number;
  port?: number;
}

type Protocol = 'okta' | 'github' | 'graph' | 'portal' | 'msp';

export interface TenantSim {
  baseUrl: string;
  urls: { okta: string; github: string; graph: string; authority: string; portal: string; msp: string };
  feeds: Map<string, Feed>;
  feed(name: string): Feed;
  faults: Faults;
  limits: Record<Protocol, RateWindow>;
  stats: { requests: number; unauthorized: number; forbidden: number; tokensIssued: number };
  addMspCustomer(c: { id: string; slug: string; name: string }): void;
  removeMspCustomer(slug: string): void;
  /** Lets every feed's late records appear (behind any cursor already past them). */
  revealLate(): void;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export async function startTenantSim(opts: TenantSimOptions = {}): Promise<TenantSim> {
  const seed = opts.seed ?? 'trailkeeper-sim';
  const now = opts.now ?? (() => Date.now());
  const span: Span = { end: opts.end ?? Date.UTC(2026, 0, 15), span: opts.span ?? 30 * DAY, late: opts.late ?? 0, lateWindow: opts.lateWindowMs ?? 10 * 60_000, broken: opts.broken ?? 0 };
  const size = (name: string): number => opts.sizes?.[name] ?? opts.events ?? 2000;
  const feeds = new Map<string, Feed>();
  const add = (name: string, items: ReturnType<typeof oktaItems>): void => {
    feeds.set(name, new Feed(name, items));
  };
  add(`okta:${SIM.okta.org}`, oktaItems(seed, SIM.okta.org, size(`okta:${SIM.okta.org}`), span));
  add(`github:org:${SIM.github.org}`, githubItems(seed, SIM.github.org, size(`github:org:${SIM.github.org}`), span));
  add(`github:enterprise:${SIM.github.enterprise}`, githubItems(seed, SIM.github.enterprise, size(`github:enterprise:${SIM.github.enterprise}`), span));
  add('graph:directoryAudits', graphAuditItems(seed, SIM.entra.tenantId, size('graph:directoryAudits'), span));
  add('graph:signIns', graphSignInItems(seed, SIM.entra.tenantId, size('graph:signIns'), span));
  for (const slug of SIM.portal.slugs) add(`portal:${slug}`, portalItems(seed, slug, size(`portal:${slug}`), span));
  const customers: { id: string; slug: string; name: string }[] = SIM.msp.customers.map((c) => ({ ...c }));
  add('msp:activity', mspActivityItems(seed, customers.map((c) => c.slug), size('msp:activity'), span));
  const customerFeed = (slug: string): Feed => {
    const name = `msp:customer:${slug}`;
    if (!feeds.has(name)) add(name, portalItems(seed, `msp-${slug}`, size(name), span));
    return feeds.get(name)!;
  };
  for (const c of customers) customerFeed(c.slug);

  const faults = new Faults(opts.faults ?? null);
  const slowMs = opts.faults?.slowMs ?? 25;
  const limit = opts.rateLimit ?? 100_000;
  const limits: Record<Protocol, RateWindow> = {
    okta: new RateWindow(limit, now), github: new RateWindow(limit, now), graph: new RateWindow(limit, now),
    portal: new RateWindow(limit, now), msp: new RateWindow(limit, now),
  };
  const stats = { requests: 0, unauthorized: 0, forbidden: 0, tokensIssued: 0 };
  const graphTokens = new Map<string, { clientId: string; uses: number }>();
  let baseUrl = '';

  const refuse = (res: ServerResponse, status: 401 | 403 | 404 | 400, body: unknown, headers: Headers = {}): Promise<void> => {
    if (status === 401) stats.unauthorized++;
    if (status === 403) stats.forbidden++;
    return sendJson(res, status, JSON.stringify(body), headers);
  };

  // ---- Okta ------------------------------------------------------------------------------------
  async function okta(req: IncomingMessage, res: ServerResponse, url: URL, org: string): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const okToken = auth === `SSWS ${SIM.okta.apiToken}` || auth === `Bearer ${SIM.okta.oauthToken}`;
    if (!okToken && auth === `SSWS ${SIM.okta.noLogsToken}`) {
      return refuse(res, 403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorLink: 'E0000006', errorId: 'sim', errorCauses: [] });
    }
    if (!okToken) return refuse(res, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'sim', errorCauses: [] });
    const feed = feeds.get(`okta:${org}`);
    if (feed === undefined) return refuse(res, 404, { errorCode: 'E0000007', errorSummary: `Not found: Resource not found: ${org} (Org)` });
    const window = limits.okta.take();
    const rl = (remaining: number, resetSec: number): Headers => ({
      date: new Date(now()).toUTCString(),
      'x-rate-limit-limit': String(limits.okta.limit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(resetSec),
    });
    const overLimit = { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorLink: 'E0000047', errorId: 'sim', errorCauses: [] };
    if (!window.ok) return sendJson(res, 429, JSON.stringify(overLimit), rl(0, window.resetSec));
    const fault = faults.next();
    if (fault === 'rate-limit') return sendJson(res, 429, JSON.stringify(overLimit), rl(0, limits.okta.spentFor(30).resetSec));
    if (fault === 'server-error') return sendJson(res, 500, JSON.stringify({ errorCode: 'E0000009', errorSummary: 'Internal Server Error' }));
    const p = url.searchParams;
    const since = p.get('since');
    const until = p.get('until');
    const pageLimit = Math.min(1000, Math.max(1, Number(p.get('limit') ?? 100) || 100));
    const order = p.get('sortOrder') === 'DESCENDING' ? 'desc' : 'asc';
    const page = feed.page({
      from: since === null ? span.end - 7 * DAY : Date.parse(since),
      to: until === null ? undefined : Date.parse(until),
      after: p.get('after'),
      limit: pageLimit,
      order,
    });
    // A polling request (since, no until, ascending) always gets a next link: "poll again later".
    const polling = until === null && order === 'asc';
    const nextAfter = fault === 'repeat' ? p.get('after') : page.next ?? (polling ? page.last : null);
    const self = new URL(url);
    const links = [`<${self.toString()}>; rel="self"`];
    if (nextAfter !== null || (fault === 'repeat' && polling)) {
      const next = new URL(url);
      if (nextAfter === null) next.searchParams.delete('after');
      else next.searchParams.set('after', nextAfter);
      links.push(`<${next.toString()}>; rel="next"`);
    }
    return sendJson(res, 200, Feed.jsonArray(page.records), { ...rl(window.remaining, window.resetSec), link: links.join(', ') }, fault, slowMs);
  }

  // ---- GitHub ----------------------------------------------------------------------------------
  async function github(req: IncomingMessage, res: ServerResponse, url: URL, feedName: string): Promise<void> {
    const token = bearerOf(req) ?? /^token\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
    if (token === SIM.github.memberToken) return refuse(res, 403, { message: 'Must have admin rights to view the audit log.', documentation_url: 'https://docs.github.com/rest/orgs/orgs#get-the-audit-log-for-an-organization', status: '403' });
    if (token !== SIM.github.ownerToken) return refuse(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const feed = feeds.get(feedName);
    if (feed === undefined) return refuse(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const window = limits.github.take();
    const rl = (remaining: number, resetSec: number): Headers => ({
      date: new Date(now()).toUTCString(),
      'x-ratelimit-limit': String(limits.github.limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetSec),
      'x-ratelimit-used': String(limits.github.limit - remaining), 'x-ratelimit-resource': 'audit_log',
    });
    const limited = { message: 'API rate limit exceeded for installation.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' };
    if (!window.ok) return sendJson(res, 403, JSON.stringify(limited), rl(0, window.resetSec));
    const fault = faults.next();
    if (fault === 'rate-limit') {
      // GitHub answers both ways: the primary limit as 403 + remaining 0, secondary limits as 429 + retry-after.
      return faults.injected['rate-limit'] % 2 === 1
        ? sendJson(res, 403, JSON.stringify(limited), rl(0, limits.github.spentFor(20).resetSec))
        : sendJson(res, 429, JSON.stringify({ ...limited, message: 'You have exceeded a secondary rate limit.', status: '429' }), { 'retry-after': '7' });
    }
    if (fault === 'server-error') return sendJson(res, 500, JSON.stringify({ message: 'Server Error' }));
    const p = url.searchParams;
    const phrase = p.get('phrase') ?? '';
    const created = /created:>=?(\S+)/.exec(phrase)?.[1];
    const from = created === undefined ? undefined : Date.parse(created);
    if (from !== undefined && Number.isNaN(from)) return refuse(res, 400, { message: `Invalid phrase: ${phrase}` });
    const perPage = Math.min(100, Math.max(1, Number(p.get('per_page') ?? 30) || 30));
    const page = feed.page({ from, after: p.get('after'), limit: perPage, order: p.get('order') === 'asc' ? 'asc' : 'desc' });
    const headers: Headers = rl(window.remaining, window.resetSec);
    const nextAfter = page.next === null ? null : fault === 'repeat' ? p.get('after') : page.next;
    if (page.next !== null) {
      const next = new URL(url);
      if (nextAfter === null) next.searchParams.delete('after');
      else next.searchParams.set('after', nextAfter);
      next.searchParams.delete('before');
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    return sendJson(res, 200, Feed.jsonArray(page.records), headers, fault, slowMs);
  }

  // ---- Entra token endpoint and Graph ------------------------------------------------------------
  async function token(req: IncomingMessage, res: ServerResponse, tenantId: string): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    if (tenantId !== SIM.entra.tenantId) {
      return refuse(res, 400, { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID.`, error_codes: [90002] });
    }
    const clientId = form.get('client_id') ?? '';
    if (clientId !== SIM.entra.clientId && clientId !== SIM.entra.unconsentedClientId) {
      return refuse(res, 400, { error: 'unauthorized_client', error_description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`, error_codes: [700016] });
    }
    if (form.get('client_secret') !== SIM.entra.clientSecret || form.get('grant_type') !== 'client_credentials') {
      return refuse(res, 401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`, error_codes: [7000215] });
    }
    stats.tokensIssued++;
    const access = `simGraphAccess.${stats.tokensIssued}.${clientId.slice(0, 8)}`;
    graphTokens.set(access, { clientId, uses: 0 });
    return sendJson(res, 200, JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access }));
  }

  async function graph(req: IncomingMessage, res: ServerResponse, url: URL, stream: 'directoryAudits' | 'signIns'): Promise<void> {
    const bearer = bearerOf(req);
    const tok = bearer === null ? undefined : graphTokens.get(bearer);
    const gErr = (code: string, message: string) => ({ error: { code, message, innerError: { date: new Date(now()).toISOString().slice(0, 19), 'request-id': 'sim', 'client-request-id': 'sim' } } });
    if (tok === undefined) return refuse(res, 401, gErr('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'));
    tok.uses++;
    if (opts.graphTokenUses !== undefined && tok.uses > opts.graphTokenUses) return refuse(res, 401, gErr('InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'));
    if (tok.clientId === SIM.entra.unconsentedClientId) return refuse(res, 403, gErr('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));
    const window = limits.graph.take();
    if (!window.ok) return sendJson(res, 429, JSON.stringify(gErr('TooManyRequests', 'Too many requests.')), { 'retry-after': String(window.retryAfterSec) });
    const fault = faults.next();
    if (fault === 'rate-limit') return sendJson(res, 429, JSON.stringify(gErr('TooManyRequests', 'Too many requests.')), { 'retry-after': '3' });
    if (fault === 'server-error') return sendJson(res, 500, JSON.stringify(gErr('UnknownError', '')));
    const p = url.searchParams;
    const field = stream === 'directoryAudits' ? 'activityDateTime' : 'createdDateTime';
    const filter = p.get('$filter') ?? '';
    const ge = new RegExp(`${field} ge (\\S+)`).exec(filter)?.[1];
    const le = new RegExp(`${field} le (\\S+)`).exec(filter)?.[1];
    const top = Math.min(1000, Math.max(1, Number(p.get('$top') ?? 100) || 100));
    let page;
    try {
      page = feed(`graph:${stream}`).page({
        from: ge === undefined ? undefined : Date.parse(ge),
        to: le === undefined ? undefined : Date.parse(le),
        after: p.get('$skiptoken'),
        limit: top,
        order: 'desc',
      });
    } catch {
      return refuse(res, 400, gErr('Request_BadRequest', 'Invalid $skiptoken.'));
    }
    let body = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/${stream}","value":${Feed.jsonArray(page.records)}`;
    if (page.next !== null) {
      const next = new URL(url);
      const token = fault === 'repeat' ? p.get('$skiptoken') : page.next;
      if (token === null) next.searchParams.delete('$skiptoken');
      else next.searchParams.set('$skiptoken', token);
      body += `,"@odata.nextLink":${JSON.stringify(next.toString())}`;
    }
    return sendJson(res, 200, `${body}}`, {}, fault, slowMs);
  }

  // ---- Portal REST and MSP ----------------------------------------------------------------------
  async function portalPage(res: ServerResponse, url: URL, f: Feed, protocol: 'portal' | 'msp', filterable: boolean): Promise<void> {
    const window = limits[protocol].take();
    const rl = (remaining: number, resetSec: number): Headers => ({
      date: new Date(now()).toUTCString(),
      'x-ratelimit-limit': String(limits[protocol].limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetSec),
    });
    const tooMany = JSON.stringify({ error: 'rate_limited', message: 'Too many requests.' });
    if (!window.ok) return sendJson(res, 429, tooMany, { ...rl(0, window.resetSec), 'retry-after': String(window.retryAfterSec) });
    const fault = faults.next();
    if (fault === 'rate-limit') {
      const spent = limits[protocol].spentFor(5);
      return sendJson(res, 429, tooMany, { ...rl(0, spent.resetSec), 'retry-after': String(spent.retryAfterSec) });
    }
    if (fault === 'server-error') return sendJson(res, 500, JSON.stringify({ error: 'internal', message: 'Internal error.' }));
    const p = url.searchParams;
    const from = p.get('from');
    const to = p.get('to');
    const eventType = filterable ? p.get('event_type') : null;
    const actor = filterable ? p.get('actor') : null;
    const pageLimit = Math.min(1000, Math.max(1, Number(p.get('limit') ?? 100) || 100));
    let page;
    try {
      page = f.page({
        from: from === null ? undefined : Date.parse(from),
        to: to === null ? undefined : Date.parse(to),
        after: p.get('cursor'),
        limit: pageLimit,
        order: 'asc',
        where: eventType === null && actor === null ? undefined : (b) => {
          const a = b.actor as { id?: string; email?: string } | undefined;
          return (eventType === null || b.event_type === eventType) && (actor === null || a?.email === actor || a?.id === actor);
        },
      });
    } catch (err) {
      return refuse(res, 400, { error: 'bad_request', message: err instanceof Error ? err.message : String(err) });
    }
    const next = page.next === null ? null : fault === 'repeat' ? p.get('cursor') ?? page.next : page.next;
    const body = `{"data":${Feed.jsonArray(page.records)},"meta":{"next_cursor":${JSON.stringify(next)},"limit":${pageLimit}}}`;
    return sendJson(res, 200, body, rl(window.remaining, window.resetSec), fault, slowMs);
  }

  async function portal(req: IncomingMessage, res: ServerResponse, url: URL, slug: string): Promise<void> {
    const token = bearerOf(req);
    const f = feeds.get(`portal:${slug}`);
    if (token === SIM.portal.viewerToken) return refuse(res, 403, { error: 'forbidden', message: 'The admin role is required to read audit logs.', role: 'viewer' });
    if (token === null || !Object.values(SIM.portal.adminTokens).includes(token)) return refuse(res, 401, { error: 'unauthorized', message: 'Invalid or expired token.' });
    if (f === undefined) return refuse(res, 404, { error: 'not_found', message: `No tenant ${slug}.` });
    if (SIM.portal.adminTokens[slug] !== token) return refuse(res, 403, { error: 'forbidden', message: `This token is not an admin of ${slug}.`, role: 'none' });
    return portalPage(res, url, f, 'portal', true);
  }

  function mspRole(req: IncomingMessage): string | null {
    const token = bearerOf(req);
    for (const [role, t] of Object.entries(SIM.msp.tokens)) if (t === token) return role;
    return null;
  }

  function visibleCustomers(role: string): typeof customers {
    if (role === 'Admin') return customers;
    if (role === 'Supervisor') return customers.filter((c) => (SIM.msp.supervisorAssigned as readonly string[]).includes(c.slug));
    return [];
  }

  async function msp(req: IncomingMessage, res: ServerResponse, url: URL, rest: string): Promise<void> {
    const role = mspRole(req);
    if (role === null) return refuse(res, 401, { error: 'unauthorized', message: 'Invalid or expired token.' });
    if (rest === 'api/v1/me') {
      const email = { Admin: 'mia@msp.example', Supervisor: 'sam@msp.example', Analyst: 'ana@msp.example' }[role];
      return sendJson(res, 200, JSON.stringify({ account: { id: 'msp_77', name: SIM.msp.account }, user: { name: `${role} user`, email, role } }));
    }
    if (role === 'Analyst') return refuse(res, 403, { error: 'forbidden', role, message: 'The Analyst role cannot use the API.' });
    if (rest === 'api/v1/customers') {
      return sendJson(res, 200, JSON.stringify({ data: visibleCustomers(role).map((c) => ({ id: c.id, slug: c.slug, name: c.name })) }));
    }
    if (rest === 'api/v1/activity') return portalPage(res, url, feed('msp:activity'), 'msp', false);
    const m = /^t\/([^/]+)\/api\/v1\/audit-logs$/.exec(rest);
    if (m !== null) {
      const slug = decodeURIComponent(m[1]!);
      if (!customers.some((c) => c.slug === slug)) return refuse(res, 404, { error: 'not_found', message: `No customer ${slug}.` });
      if (!visibleCustomers(role).some((c) => c.slug === slug)) return refuse(res, 403, { error: 'forbidden', role, message: `Customer ${slug} is not assigned to this account.` });
      return portalPage(res, url, customerFeed(slug), 'msp', true);
    }
    return refuse(res, 404, { error: 'not_found', message: `No route /${rest}.` });
  }

  // ---- Routing ---------------------------------------------------------------------------------
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path)) !== null) return token(req, res, decodeURIComponent(m[1]!));
    if (req.method !== 'GET') return refuse(res, 404, { error: 'not_found' });
    if ((m = /^\/okta\/([^/]+)\/api\/v1\/logs$/.exec(path)) !== null) return okta(req, res, url, m[1]!);
    if ((m = /^\/github\/orgs\/([^/]+)\/audit-log$/.exec(path)) !== null) return github(req, res, url, `github:org:${m[1]}`);
    if ((m = /^\/github\/enterprises\/([^/]+)\/audit-log$/.exec(path)) !== null) return github(req, res, url, `github:enterprise:${m[1]}`);
    if ((m = /^\/graph\/v1\.0\/auditLogs\/(directoryAudits|signIns)$/.exec(path)) !== null) return graph(req, res, url, m[1] as 'directoryAudits' | 'signIns');
    if ((m = /^\/portal\/t\/([^/]+)\/api\/v1\/audit-logs$/.exec(path)) !== null) return portal(req, res, url, decodeURIComponent(m[1]!));
    if ((m = /^\/msp\/(.+)$/.exec(path)) !== null) return msp(req, res, url, m[1]!);
    return refuse(res, 404, { error: 'not_found', message: `No route ${path}.` });
  }

  function feed(name: string): Feed {
    const f = feeds.get(name);
    if (f === undefined) throw new Error(`The simulator has no feed ${name}.`);
    return f;
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  // Long keep-alive: a client reusing a socket the server has just timed out sees ECONNRESET,
  // which would add retries the tests do not expect on a busy machine.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    urls: {
      okta: `${baseUrl}/okta/${SIM.okta.org}`,
      github: `${baseUrl}/github`,
      graph: `${baseUrl}/graph`,
      authority: `${baseUrl}/login`,
      portal: `${baseUrl}/portal`,
      msp: `${baseUrl}/msp`,
    },
    feeds,
    feed,
    faults,
    limits,
    stats,
    addMspCustomer(c) {
      if (!customers.some((x) => x.slug === c.slug)) customers.push({ ...c });
      customerFeed(c.slug);
    },
    removeMspCustomer(slug) {
      const i = customers.findIndex((c) => c.slug === slug);
      if (i >= 0) customers.splice(i, 1);
    },
    revealLate() {
      for (const f of feeds.values()) f.reveal();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export type { FaultKind, FaultPlan };
