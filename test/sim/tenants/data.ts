/**
 * The simulator's deterministic records, one generator per protocol, in each source's documented
 * shape (Okta LogEvent, GitHub audit log entry, Graph directoryAudit and signIn, the portal REST
 * entry, the MSP portal's activity). All randomness comes from the repository's seeded PRNG.
 */
import { Rng } from '../../../scripts/lib/prng.ts';

export interface Item {
  ts: number;
  id: string | null;
  body: Record<string, unknown>;
  late?: boolean;
  /** A record its normaliser must refuse (an unreadable time): reported as a problem, never stored. */
  broken?: boolean;
}

export interface Span {
  /** Newest event time (UTC ms). */
  end: number;
  /** How far back history goes (ms). */
  span: number;
  /** Extra records hidden until a client has caught up once, timed within `lateWindow` of `end`. */
  late: number;
  lateWindow: number;
  /** Records per feed whose time is unreadable, spread evenly through the history. */
  broken: number;
}

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar'];
const PLACES = [
  { ip: '198.51.100.', city: 'Berlin', state: 'Berlin', country: 'Germany', cc: 'DE', lat: 52.52, lon: 13.4 },
  { ip: '203.0.113.', city: 'Austin', state: 'Texas', country: 'United States', cc: 'US', lat: 30.27, lon: -97.74 },
  { ip: '192.0.2.', city: 'Lyon', state: 'Auvergne-Rhone-Alpes', country: 'France', cc: 'FR', lat: 45.76, lon: 4.84 },
  { ip: '2001:db8:7:', city: 'Osaka', state: 'Osaka', country: 'Japan', cc: 'JP', lat: 34.69, lon: 135.5 },
];
const AGENTS = [
  { raw: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', os: 'Windows 10', browser: 'CHROME' },
  { raw: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', os: 'Mac OS X', browser: 'SAFARI' },
  { raw: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', os: 'Linux', browser: 'FIREFOX' },
];

/** n times over the span; the first is `end` itself, so every late record is older than the newest. */
function times(rng: Rng, n: number, s: Span): Item['ts'][] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? s.end : s.end - rng.int(0, s.span)));
}

function lateTimes(rng: Rng, s: Span): number[] {
  return Array.from({ length: s.late }, () => s.end - rng.int(1, s.lateWindow));
}

function build(rng: Rng, n: number, s: Span, timeFields: readonly string[], make: (ts: number, rng: Rng) => { id: string | null; body: Record<string, unknown> }): Item[] {
  const items: Item[] = times(rng, n, s).map((ts) => ({ ts, ...make(ts, rng) }));
  for (let j = 0; j < Math.min(s.broken, n - 1); j++) {
    const item = items[1 + Math.floor((j * (n - 1)) / s.broken)]!;
    for (const f of timeFields) item.body[f] = 'not a time';
    item.broken = true;
  }
  for (const ts of lateTimes(rng, s)) items.push({ ts, ...make(ts, rng), late: true });
  return items;
}

function place(rng: Rng): { ip: string; p: (typeof PLACES)[number] } {
  const p = rng.pick(PLACES);
  return { ip: p.ip.includes(':') ? `${p.ip}:${rng.int(1, 0xfff).toString(16)}` : `${p.ip}${rng.int(2, 254)}`, p };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Graph's 7 fractional digits: the milliseconds, then four more digits. */
function graphTime(ms: number, rng: Rng): string {
  return `${iso(ms).slice(0, 23)}${String(rng.int(0, 9999)).padStart(4, '0')}Z`;
}

const OKTA_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['user.session.start', 'User login to Okta'],
  ['user.authentication.sso', 'User single sign on to app'],
  ['user.authentication.auth_via_mfa', 'Authentication of user via MFA'],
  ['user.session.end', 'User logout from Okta'],
  ['user.account.update_password', 'User update password for Okta'],
  ['group.user_membership.add', 'Add user to group membership'],
  ['user.lifecycle.create', 'Create okta user'],
  ['policy.evaluate_sign_on', 'Evaluation of sign-on policy'],
  ['system.api_token.create', 'Create API token'],
];

export function oktaItems(seed: string, org: string, n: number, s: Span): Item[] {
  const rng = new Rng(`okta:${seed}:${org}`);
  return build(rng, n, s, ['published'], (ts, r) => {
    const who = r.pick(PEOPLE);
    const [eventType, displayMessage] = r.pick(OKTA_TYPES);
    const { ip, p } = place(r);
    const agent = r.pick(AGENTS);
    const fail = r.chance(0.06);
    const uuid = r.uuid();
    return {
      id: uuid,
      body: {
        actor: { id: `00u${r.base62(17)}`, type: 'User', alternateId: `${who}@${org}.example`, displayName: who[0]!.toUpperCase() + who.slice(1), detailEntry: null },
        client: {
          userAgent: { rawUserAgent: agent.raw, os: agent.os, browser: agent.browser },
          zone: 'null',
          device: 'Computer',
          id: null,
          ipAddress: ip,
          geographicalContext: { city: p.city, state: p.state, country: p.country, postalCode: null, geolocation: { lat: p.lat, lon: p.lon } },
        },
        device: null,
        authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: `102${r.base62(22)}` },
        displayMessage,
        eventType,
        outcome: { result: fail ? 'FAILURE' : 'SUCCESS', reason: fail ? 'INVALID_CREDENTIALS' : null },
        published: iso(ts),
        securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
        severity: fail ? 'WARN' : 'INFO',
        debugContext: { debugData: { requestId: r.base62(24) } },
        legacyEventType: null,
        transaction: { type: 'WEB', id: r.base62(24), detail: {} },
        uuid,
        version: '0',
        request: { ipChain: [{ ip, geographicalContext: null, version: ip.includes(':') ? 'V6' : 'V4', source: null }] },
        target: [{ id: `00u${r.base62(17)}`, type: 'User', alternateId: `${r.pick(PEOPLE)}@${org}.example`, displayName: 'Target user', detailEntry: null }],
      },
    };
  });
}

const GITHUB_ACTIONS: ReadonlyArray<readonly [string, string]> = [
  ['repo.create', 'create'], ['git.clone', 'access'], ['org.add_member', 'create'], ['team.add_member', 'create'],
  ['repo.access', 'modify'], ['protected_branch.update', 'modify'], ['hook.create', 'create'], ['org.update_member', 'modify'],
  ['personal_access_token.access_granted', 'access'], ['workflows.completed_workflow_run', 'access'],
];

export function githubItems(seed: string, scope: string, n: number, s: Span): Item[] {
  const rng = new Rng(`github:${seed}:${scope}`);
  return build(rng, n, s, ['@timestamp', 'created_at'], (ts, r) => {
    const [action, operation] = r.pick(GITHUB_ACTIONS);
    const who = r.pick(PEOPLE);
    const { ip, p } = place(r);
    const id = r.base64url(22);
    const body: Record<string, unknown> = {
      '@timestamp': ts,
      _document_id: id,
      action,
      actor: `${who}-gh`,
      actor_id: r.int(100000, 9999999),
      actor_ip: ip,
      actor_location: { country_code: p.cc },
      created_at: ts,
      operation_type: operation,
      org: scope,
      org_id: 4242,
      user_agent: r.pick(AGENTS).raw,
    };
    if (action.startsWith('repo') || action.startsWith('git') || action.startsWith('protected') || action.startsWith('hook')) body.repo = `${scope}/service-${r.int(1, 40)}`;
    if (action.includes('member')) body.user = `${r.pick(PEOPLE)}-gh`;
    return { id, body };
  });
}

const AUDIT_ACTIVITIES: ReadonlyArray<readonly [string, string, string]> = [
  ['Add user', 'UserManagement', 'Add'], ['Update user', 'UserManagement', 'Update'], ['Delete user', 'UserManagement', 'Delete'],
  ['Add member to group', 'GroupManagement', 'Assign'], ['Add member to role', 'RoleManagement', 'Assign'],
  ['Update application', 'ApplicationManagement', 'Update'], ['Update policy', 'Policy', 'Update'],
  ['Reset password (by admin)', 'UserManagement', 'Update'],
];

export function graphAuditItems(seed: string, tenantId: string, n: number, s: Span): Item[] {
  const rng = new Rng(`graph-audit:${seed}:${tenantId}`);
  return build(rng, n, s, ['activityDateTime'], (ts, r) => {
    const [activity, category, operationType] = r.pick(AUDIT_ACTIVITIES);
    const who = r.pick(PEOPLE);
    const target = r.pick(PEOPLE);
    const fail = r.chance(0.04);
    const id = `Directory_${r.uuid()}`;
    return {
      id,
      body: {
        id,
        category,
        correlationId: r.uuid(),
        result: fail ? 'failure' : 'success',
        resultReason: fail ? 'Insufficient privileges' : '',
        activityDisplayName: activity,
        activityDateTime: graphTime(ts, r),
        loggedByService: 'Core Directory',
        operationType,
        initiatedBy: { app: null, user: { id: r.uuid(), displayName: null, userPrincipalName: `${who}@contoso.example`, ipAddress: place(r).ip, userType: null, homeTenantId: null, homeTenantName: null } },
        targetResources: [{ id: r.uuid(), displayName: null, type: 'User', userPrincipalName: `${target}@contoso.example`, groupType: null, modifiedProperties: [] }],
        additionalDetails: [{ key: 'User-Agent', value: r.pick(AGENTS).raw }],
      },
    };
  });
}

const APPS = ['Microsoft Teams', 'Office 365 Exchange Online', 'Azure Portal', 'Salesforce', 'GitHub Enterprise'];

export function graphSignInItems(seed: string, tenantId: string, n: number, s: Span): Item[] {
  const rng = new Rng(`graph-signin:${seed}:${tenantId}`);
  return build(rng, n, s, ['createdDateTime'], (ts, r) => {
    const who = r.pick(PEOPLE);
    const { ip, p } = place(r);
    const fail = r.chance(0.08);
    const agent = r.pick(AGENTS);
    const id = r.uuid();
    return {
      id,
      body: {
        id,
        createdDateTime: graphTime(ts, r),
        userDisplayName: who[0]!.toUpperCase() + who.slice(1),
        userPrincipalName: `${who}@contoso.example`,
        userId: r.uuid(),
        appId: r.uuid(),
        appDisplayName: r.pick(APPS),
        ipAddress: ip,
        clientAppUsed: 'Browser',
        correlationId: r.uuid(),
        conditionalAccessStatus: 'notApplied',
        isInteractive: r.chance(0.7),
        riskDetail: 'none',
        riskLevelAggregated: 'none',
        riskLevelDuringSignIn: r.chance(0.03) ? 'medium' : 'none',
        riskState: 'none',
        riskEventTypes_v2: [],
        resourceDisplayName: 'Microsoft Graph',
        resourceId: '00000003-0000-0000-c000-000000000000',
        status: fail ? { errorCode: 50126, failureReason: 'Invalid username or password or Invalid on-premise username or password.', additionalDetails: null } : { errorCode: 0, failureReason: 'Other.', additionalDetails: null },
        deviceDetail: { deviceId: '', displayName: '', operatingSystem: agent.os, browser: agent.browser, isCompliant: false, isManaged: false, trustType: '' },
        location: { city: p.city, state: p.state, countryOrRegion: p.cc, geoCoordinates: { altitude: null, latitude: p.lat, longitude: p.lon } },
        appliedConditionalAccessPolicies: [],
      },
    };
  });
}

const PORTAL_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['auth.login.success', 'success'], ['auth.login.failure', 'failure'], ['auth.logout', 'success'], ['auth.mfa.challenge', 'success'],
  ['user.created', 'success'], ['user.role.assigned', 'success'], ['user.role.revoked', 'success'], ['user.password.reset', 'success'],
  ['security.impossible_travel', 'success'], ['settings.sso.updated', 'success'], ['api_key.created', 'success'],
];

/** Portal REST entries; about one in ten carries no id (portals do not always send one). */
export function portalItems(seed: string, slug: string, n: number, s: Span): Item[] {
  const rng = new Rng(`portal:${seed}:${slug}`);
  return build(rng, n, s, ['timestamp'], (ts, r) => {
    const [eventType, result] = r.pick(PORTAL_TYPES);
    const who = r.pick(PEOPLE);
    const target = r.pick(PEOPLE);
    const { ip, p } = place(r);
    const withId = !r.chance(0.1);
    const id = withId ? `evt_${r.base62(20)}` : null;
    const body: Record<string, unknown> = {
      ...(id !== null ? { id } : {}),
      timestamp: iso(ts),
      event_type: eventType,
      actor: { id: `${who}-${r.hex(8)}`, email: `${who}@${slug}.example`, name: who, role: r.pick(['admin', 'member', 'owner']) },
      target: `user:${target}-${r.hex(8)}`,
      ip,
      user_agent: r.pick(AGENTS).raw,
      geolocation: { country: p.cc, city: p.city, latitude: p.lat, longitude: p.lon },
      details: eventType === 'user.role.assigned' ? { role: 'admin', granted_by: who } : { session: r.base62(16) },
      result,
    };
    return { id, body };
  });
}

const MSP_ACTIONS: ReadonlyArray<readonly [string, string]> = [
  ['user.invited', 'user'], ['user.role.changed', 'user'], ['user.deleted', 'user'],
  ['collector.created', 'collector'], ['collector.updated', 'collector'], ['agent.deployed', 'agent'], ['agent.deleted', 'agent'],
  ['integration.created', 'integration'], ['integration.updated', 'integration'], ['gateway.created', 'gateway'],
  ['report.exported', 'report'], ['report.scheduled', 'report'], ['rule.created', 'rule'], ['rule.updated', 'rule'], ['rule.disabled', 'rule'],
];
const PERFORMERS = [
  { name: 'Mia Admin', email: 'mia@msp.example', role: 'Admin' },
  { name: 'Sam Supervisor', email: 'sam@msp.example', role: 'Supervisor' },
  { name: 'Ana Analyst', email: 'ana@msp.example', role: 'Analyst' },
];

/** The MSP portal's own activity: configuration and administration, one in ten without an id. */
export function mspActivityItems(seed: string, customers: readonly string[], n: number, s: Span): Item[] {
  const rng = new Rng(`msp-activity:${seed}`);
  return build(rng, n, s, ['timestamp'], (ts, r) => {
    const [action, type] = r.pick(MSP_ACTIONS);
    const id = r.chance(0.1) ? null : `act_${r.base62(18)}`;
    const body: Record<string, unknown> = {
      ...(id !== null ? { id } : {}),
      timestamp: iso(ts),
      action,
      object: { type, id: `${type.slice(0, 3)}_${r.int(1, 400)}`, name: `${type} ${r.int(1, 400)}` },
      performer: r.pick(PERFORMERS),
      context: { customer: r.pick(customers), ip: place(r).ip, user_agent: r.pick(AGENTS).raw, changes: { enabled: r.chance(0.5) } },
    };
    return { id, body };
  });
}
