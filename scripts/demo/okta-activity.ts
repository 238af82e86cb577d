/** Everyday life in one Okta org: sign-ins with MFA and SSO, and a trickle of admin work. */
import { actorOf, appTarget, OKTA_SYSTEM, OktaLog, userTarget } from './okta-log.ts';
import type { OktaTarget } from '../lib/okta-log-event.ts';
import type { Rng } from '../lib/prng.ts';
import {
  ADMIN_API_AGENT, businessTime, DAY, HOUR, MINUTE, WINDOW_END, WINDOW_START,
  type Agent, type Network, type OktaTenant, type Person,
} from './world.ts';

export interface SignInOptions {
  net?: Network;
  agent?: Agent;
  failures?: number;
  denyPushes?: number;
  threat?: boolean;
  sso?: number;
  logout?: boolean;
}

/** One sign-in: failed passwords, MFA push, session start, SSO to apps, maybe logout. Returns the last time used. */
export function signIn(log: OktaLog, rng: Rng, p: Person, start: number, o: SignInOptions = {}): number {
  const net = o.net ?? p.network;
  const agent = o.agent ?? p.agent;
  const threat = o.threat ?? false;
  const actor = actorOf(p);
  let t = start;
  const step = (min: number, max: number): number => (t += rng.int(min, max));
  for (let i = 0; i < (o.failures ?? 0); i++) {
    log.emit(t, {
      eventType: 'user.session.start', displayMessage: 'User login to Okta', actor, net, agent, threat,
      result: 'FAILURE', reason: 'INVALID_CREDENTIALS', legacy: 'core.user_auth.login_failed', session: 'unknown',
      debug: { requestUri: '/idp/idx/identify', url: '/idp/idx/identify?' },
    });
    step(4_000, 45_000);
  }
  const session = log.newSession();
  const mfa = (result: 'SUCCESS' | 'FAILURE'): void => {
    log.emit(step(2_000, 9_000), {
      eventType: 'system.push.send_factor_verify_push', displayMessage: 'Push notification sent to user\'s device',
      actor, net, agent, result: 'SUCCESS', session, targets: [userTarget(p)],
      debug: { factor: 'OKTA_VERIFY_PUSH', requestUri: '/idp/idx/authenticators/okta-verify/launch' },
    });
    if (result === 'FAILURE') {
      log.emit(step(5_000, 30_000), {
        eventType: 'user.mfa.okta_verify.deny_push', displayMessage: 'User rejected Okta push verify',
        actor, net, agent, result: 'FAILURE', reason: 'User rejected Okta push verify', session,
        debug: { factor: 'OKTA_VERIFY_PUSH', requestUri: '/idp/idx/authenticators/poll' },
      });
    }
    log.emit(step(3_000, 20_000), {
      eventType: 'user.authentication.auth_via_mfa', displayMessage: 'Authentication of user via MFA',
      actor, net, agent, threat, result, reason: result === 'FAILURE' ? 'VERIFICATION_ERROR' : null, session,
      severity: result === 'FAILURE' ? 'WARN' : 'INFO',
      debug: { factor: 'OKTA_VERIFY_PUSH', factorIntent: 'AUTHENTICATION', requestUri: '/idp/idx/authenticators/poll' },
    });
  };
  for (let i = 0; i < (o.denyPushes ?? 0); i++) mfa('FAILURE');
  if ((o.denyPushes ?? 0) > 0 || rng.chance(0.9)) mfa('SUCCESS');
  log.emit(step(500, 2_000), {
    eventType: 'user.session.start', displayMessage: 'User login to Okta', actor, net, agent, threat,
    result: 'SUCCESS', legacy: 'core.user_auth.login_success', session,
    debug: { requestUri: '/idp/idx/identify', url: '/idp/idx/identify?' },
  });
  const visible = log.tenant.apps.filter((a) => a.createdDay === null || WINDOW_START + a.createdDay * DAY < t);
  const ssoCount = o.sso ?? rng.int(0, 2);
  for (let i = 0; i < ssoCount; i++) {
    const app = rng.pick(visible);
    log.emit(step(20_000, 40 * MINUTE), {
      eventType: 'user.authentication.sso', displayMessage: 'User single sign on to app', actor, net, agent, threat,
      result: 'SUCCESS', session, targets: [appTarget(app)],
      debug: { initiationType: 'IDP_INITIATED', requestUri: `/app/${app.name}/${app.id}/sso/saml`, signOnMode: 'SAML 2.0' },
    });
  }
  if (o.logout ?? rng.chance(0.3)) {
    log.emit(step(20 * MINUTE, 5 * HOUR), {
      eventType: 'user.session.end', displayMessage: 'User logout from Okta', actor, net, agent,
      result: 'SUCCESS', session, debug: { requestUri: '/login/signout' },
    });
  }
  return t;
}

/** Picks a person weighted by how active they are and how long they were around. */
function pickUser(rng: Rng, people: readonly Person[]): Person {
  return people[rng.weightedIndex(people.map((p) => p.activity * (p.activeTo - p.activeFrom)))] as Person;
}

function admins(t: OktaTenant, ...roles: string[]): Person[] {
  const found = t.people.filter((p) => roles.includes(p.role));
  return found.length > 0 ? found : t.people.filter((p) => p.role !== 'User');
}

/** Writes the org's everyday events; returns its Splunk log stream for the storyline. */
export function everydayOkta(log: OktaLog, rng: Rng, sessions: number): OktaTarget {
  const tenant = log.tenant;
  const tz = tenant.tzHours;
  for (let i = 0; i < sessions; i++) {
    const p = pickUser(rng, tenant.people);
    const t = businessTime(rng, tz, p.activeFrom, Math.min(p.activeTo, WINDOW_END) - 6 * HOUR);
    const failures = rng.chance(0.06) ? rng.int(1, 2) : 0;
    signIn(log, rng, p, t, { failures, denyPushes: rng.chance(0.04) ? 1 : 0 });
  }
  lifecycle(log, rng);
  adminWork(log, rng);
  return logStreams(log, rng);
}

function adminAction(
  log: OktaLog, rng: Rng, actor: Person, t: number, eventType: string, displayMessage: string,
  targets: OktaTarget[], debug: Record<string, string>, viaApi = false,
): void {
  log.emit(t, {
    eventType, displayMessage, actor: actorOf(actor), net: actor.network, agent: viaApi ? ADMIN_API_AGENT : actor.agent,
    result: 'SUCCESS', targets, session: viaApi ? 'trs' + rng.base62(20) : log.newSession(), debug,
  });
}

/** Hires, leavers, profile changes, password resets, lockouts. */
function lifecycle(log: OktaLog, rng: Rng): void {
  const tenant = log.tenant;
  const tz = tenant.tzHours;
  const helpDesk = admins(tenant, 'Help Desk Administrator', 'Organization Administrator');
  for (const p of tenant.people) {
    if (p.activeFrom > WINDOW_START) {
      const t = businessTime(rng, tz, p.activeFrom - 4 * DAY, p.activeFrom - DAY);
      const admin = rng.pick(helpDesk);
      adminAction(log, rng, admin, t, 'user.lifecycle.create', 'Create Okta user', [userTarget(p)],
        { requestUri: '/api/v1/users', url: '/api/v1/users?activate=false' });
      adminAction(log, rng, admin, t + rng.int(2, 15) * MINUTE, 'user.lifecycle.activate', 'Activate Okta user',
        [userTarget(p)], { requestUri: `/api/v1/users/${p.id}/lifecycle/activate` });
      for (const group of [tenant.groupsInOkta[0], rng.pick(tenant.groupsInOkta.slice(1, 4))]) {
        if (group === undefined) continue;
        adminAction(log, rng, admin, t + rng.int(16, 40) * MINUTE, 'group.user_membership.add',
          'Add user to group membership', [userTarget(p), { id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: group.name, detailEntry: null }],
          { requestUri: `/api/v1/groups/${group.id}/users/${p.id}` });
      }
    }
    if (p.activeTo < WINDOW_END) {
      const t = businessTime(rng, tz, p.activeTo, p.activeTo + DAY);
      const admin = rng.pick(helpDesk);
      adminAction(log, rng, admin, t, 'user.lifecycle.deactivate', 'Deactivate Okta user', [userTarget(p)],
        { requestUri: `/api/v1/users/${p.id}/lifecycle/deactivate` });
      adminAction(log, rng, admin, t + rng.int(3, 20) * DAY, 'user.lifecycle.delete.initiated', 'Delete Okta user',
        [userTarget(p)], { requestUri: `/api/v1/users/${p.id}` });
    }
  }
  const active = tenant.people.filter((p) => p.activeTo === WINDOW_END);
  for (let i = 0; i < 18; i++) {
    const p = rng.pick(active);
    const self = rng.chance(0.25);
    const actor = self ? p : rng.pick(helpDesk);
    adminAction(log, rng, actor, businessTime(rng, tz, Math.max(p.activeFrom, WINDOW_START), WINDOW_END - DAY),
      'user.account.update_profile', 'Update user profile for Okta', [userTarget(p)],
      { changedAttributes: rng.pick(['title', 'department', 'mobilePhone', 'manager, department', 'title, costCenter']), requestUri: `/api/v1/users/${p.id}` });
  }
  for (let i = 0; i < 6; i++) {
    const p = rng.pick(active);
    adminAction(log, rng, rng.pick(helpDesk), businessTime(rng, tz, Math.max(p.activeFrom, WINDOW_START), WINDOW_END - DAY),
      'user.account.reset_password', 'Reset password for Okta user', [userTarget(p)],
      { requestUri: `/api/v1/users/${p.id}/lifecycle/reset_password` });
  }
  for (let i = 0; i < 2; i++) {
    const p = rng.pick(active);
    const t = businessTime(rng, tz, Math.max(p.activeFrom, WINDOW_START), WINDOW_END - 2 * DAY);
    const end = signIn(log, rng, p, t, { failures: 5, sso: 0, logout: false });
    log.emit(end + 1_000, {
      eventType: 'user.account.lock', displayMessage: 'Max sign in attempts exceeded', actor: actorOf(p), net: p.network,
      agent: p.agent, result: 'FAILURE', reason: 'LOCKED_OUT', severity: 'WARN', session: 'unknown', targets: [userTarget(p)],
    });
    adminAction(log, rng, rng.pick(helpDesk), end + rng.int(20, 120) * MINUTE, 'user.account.unlock', 'Unlock user account',
      [userTarget(p)], { requestUri: `/api/v1/users/${p.id}/lifecycle/unlock` });
  }
}

const POLICIES = ['Default Policy', 'Admin Console MFA', 'Office 365 Sign-On Policy', 'Password policy - Employees'];
const ROLES = ['Application administrator', 'Help Desk administrator', 'Read-only administrator', 'Report administrator'];
const TOKENS = ['terraform-ci', 'servicenow-sync', 'splunk-addon', 'scim-bridge'];

/** Role grants, API tokens, apps, policies, zones, report exports. */
function adminWork(log: OktaLog, rng: Rng): void {
  const tenant = log.tenant;
  const tz = tenant.tzHours;
  const supers = admins(tenant, 'Super Administrator');
  const orgAdmins = admins(tenant, 'Super Administrator', 'Organization Administrator');
  const appAdmins = admins(tenant, 'Application Administrator', 'Super Administrator');
  const when = (fromDay = 1, toDay = 178): number =>
    businessTime(rng, tz, WINDOW_START + fromDay * DAY, WINDOW_START + toDay * DAY);
  const active = tenant.people.filter((p) => p.activeTo === WINDOW_END && p.role === 'User');

  for (let i = 0; i < 4; i++) {
    const target = rng.pick(active);
    const role = rng.pick(ROLES);
    const t = when(5, 150);
    adminAction(log, rng, rng.pick(supers), t, 'user.account.privilege.grant', 'Grant user privilege', [userTarget(target)],
      { privilegeGranted: role, requestUri: `/api/v1/users/${target.id}/roles` });
    if (i < 2) {
      adminAction(log, rng, rng.pick(supers), t + rng.int(5, 25) * DAY, 'user.account.privilege.revoke', 'Revoke user privilege',
        [userTarget(target)], { privilegeRevoked: role, requestUri: `/api/v1/users/${target.id}/roles` });
    }
  }
  for (let i = 0; i < 3; i++) {
    const name = TOKENS[i] ?? 'api-token';
    const token: OktaTarget = { id: `00T${rng.base62(17)}`, type: 'Token', alternateId: 'unknown', displayName: name, detailEntry: null };
    const t = when(2, 160);
    const owner = rng.pick(orgAdmins);
    adminAction(log, rng, owner, t, 'system.api_token.create', 'Create API token', [token], { tokenName: name, requestUri: '/api/internal/tokens' });
    if (i === 0) {
      adminAction(log, rng, rng.pick(orgAdmins), t + rng.int(8, 15) * DAY, 'system.api_token.revoke', 'Revoke API token', [token],
        { tokenName: name, requestUri: `/api/internal/tokens/${token.id}` });
    }
  }
  for (const app of tenant.apps) {
    if (app.createdDay !== null) {
      const t = businessTime(rng, tz, WINDOW_START + app.createdDay * DAY, WINDOW_START + (app.createdDay + 1) * DAY);
      const admin = rng.pick(appAdmins);
      adminAction(log, rng, admin, t, 'application.lifecycle.create', 'Add application', [appTarget(app)],
        { requestUri: '/api/v1/apps', appName: app.name });
      adminAction(log, rng, admin, t + rng.int(3, 20) * MINUTE, 'application.lifecycle.activate', 'Activate application',
        [appTarget(app)], { requestUri: `/api/v1/apps/${app.id}/lifecycle/activate` });
      for (let k = 0; k < 3; k++) {
        const user = rng.pick(active);
        adminAction(log, rng, admin, t + rng.int(25, 90) * MINUTE, 'application.user_membership.add', 'Add user to application membership',
          [userTarget(user), appTarget(app)], { requestUri: `/api/v1/apps/${app.id}/users` });
      }
    }
    if (app.deletedDay !== null) {
      const t = businessTime(rng, tz, WINDOW_START + app.deletedDay * DAY, WINDOW_START + (app.deletedDay + 1) * DAY);
      const admin = rng.pick(appAdmins);
      adminAction(log, rng, admin, t, 'application.lifecycle.deactivate', 'Deactivate application', [appTarget(app)],
        { requestUri: `/api/v1/apps/${app.id}/lifecycle/deactivate` });
      adminAction(log, rng, admin, t + rng.int(1, 10) * MINUTE, 'application.lifecycle.delete', 'Delete application', [appTarget(app)],
        { requestUri: `/api/v1/apps/${app.id}` });
    }
  }
  for (let i = 0; i < 5; i++) {
    const app = rng.pick(tenant.apps.slice(0, 7));
    adminAction(log, rng, rng.pick(appAdmins), when(), 'application.lifecycle.update', 'Update application', [appTarget(app)],
      { changedAttributes: rng.pick(['settings.signOn.defaultRelayState', 'credentials.signing', 'visibility.hide', 'label']), requestUri: `/api/v1/apps/${app.id}` });
  }
  for (let i = 0; i < 7; i++) {
    const policy = rng.pick(POLICIES);
    const rule = i % 2 === 1;
    const target: OktaTarget = { id: `${rule ? '0pr' : '00p'}${rng.base62(17)}`, type: rule ? 'PolicyRule' : 'PolicyEntity', alternateId: 'unknown', displayName: rule ? `${policy} - Rule 1` : policy, detailEntry: { policyType: rule ? 'OKTA_SIGN_ON' : 'ACCESS_POLICY' } };
    adminAction(log, rng, rng.pick(orgAdmins), when(), rule ? 'policy.rule.update' : 'policy.lifecycle.update',
      rule ? 'Update policy rule' : 'Update policy', [target], { requestUri: `/api/v1/policies/${target.id}` }, rng.chance(0.3));
  }
  const zone: OktaTarget = { id: `nzo${rng.base62(17)}`, type: 'NetworkZone', alternateId: 'unknown', displayName: 'Office Networks', detailEntry: null };
  for (let i = 0; i < 2; i++) {
    adminAction(log, rng, rng.pick(orgAdmins), when(), 'zone.update', 'Update network zone', [zone],
      { requestUri: `/api/v1/zones/${zone.id}`, changedAttributes: 'gateways' });
  }
  for (let i = 0; i < 2; i++) {
    const report = rng.pick(['Okta Usage report', 'Okta Password Health', 'User accounts report']);
    adminAction(log, rng, rng.pick(orgAdmins), when(), 'analytics.reports.export.request', 'Report export requested',
      [{ id: `rpt${rng.base62(17)}`, type: 'Report', alternateId: 'unknown', displayName: report, detailEntry: null }],
      { reportName: report, format: 'CSV', requestUri: '/api/v1/reports/export' });
  }
}

export function logStreamTarget(id: string, name: string): OktaTarget {
  return { id, type: 'LogStream', alternateId: 'unknown', displayName: name, detailEntry: { logStreamType: name.startsWith('Splunk') ? 'splunk_cloud_logstreaming' : 'aws_eventbridge' } };
}

/** Each org streams its log to a SIEM; one has a delivery outage, one migrates to another collector. */
function logStreams(log: OktaLog, rng: Rng): OktaTarget {
  const tenant = log.tenant;
  const tz = tenant.tzHours;
  const owner = admins(tenant, 'Super Administrator')[0] as Person;
  const day = (d: number): number => businessTime(rng, tz, WINDOW_START + d * DAY, WINDOW_START + (d + 1) * DAY);
  const splunk = logStreamTarget(`0oa${rng.base62(17)}`, 'Splunk Cloud');
  const created = day(rng.int(3, 8));
  adminAction(log, rng, owner, created, 'system.log_stream.lifecycle.create', 'Create log stream', [splunk], { requestUri: '/api/v1/logStreams' });
  adminAction(log, rng, owner, created + rng.int(2, 10) * MINUTE, 'system.log_stream.lifecycle.activate', 'Activate log stream', [splunk],
    { requestUri: `/api/v1/logStreams/${splunk.id}/lifecycle/activate` });
  adminAction(log, rng, owner, day(rng.int(60, 80)), 'system.log_stream.lifecycle.update', 'Update log stream', [splunk],
    { changedAttributes: 'settings.token', requestUri: `/api/v1/logStreams/${splunk.id}` });

  if (tenant.key === 'contoso') {
    // Okta turns a stream off by itself when the SIEM keeps refusing deliveries.
    const outage = WINDOW_START + 96 * DAY + 2 * HOUR + rng.int(0, 59) * MINUTE;
    log.emit(outage, {
      eventType: 'system.log_stream.lifecycle.deactivate', displayMessage: 'Deactivate log stream', actor: OKTA_SYSTEM,
      net: null, agent: null, result: 'SUCCESS', severity: 'WARN', targets: [splunk], session: null,
      debug: { reason: 'Delivery to the Splunk HTTP Event Collector failed repeatedly (HTTP 403)' },
    });
    const fix = day(96);
    adminAction(log, rng, owner, fix, 'system.log_stream.lifecycle.update', 'Update log stream', [splunk],
      { changedAttributes: 'settings.token', requestUri: `/api/v1/logStreams/${splunk.id}` });
    adminAction(log, rng, owner, fix + rng.int(1, 5) * MINUTE, 'system.log_stream.lifecycle.activate', 'Activate log stream', [splunk],
      { requestUri: `/api/v1/logStreams/${splunk.id}/lifecycle/activate` });
  }
  if (tenant.key === 'tailspin') {
    const eventBridge = logStreamTarget(`0oa${rng.base62(17)}`, 'AWS EventBridge');
    const t = day(131);
    adminAction(log, rng, owner, t, 'system.log_stream.lifecycle.create', 'Create log stream', [eventBridge], { requestUri: '/api/v1/logStreams' });
    adminAction(log, rng, owner, t + 4 * MINUTE, 'system.log_stream.lifecycle.activate', 'Activate log stream', [eventBridge],
      { requestUri: `/api/v1/logStreams/${eventBridge.id}/lifecycle/activate` });
    const retire = day(139);
    adminAction(log, rng, owner, retire, 'system.log_stream.lifecycle.deactivate', 'Deactivate log stream', [splunk],
      { requestUri: `/api/v1/logStreams/${splunk.id}/lifecycle/deactivate` });
    adminAction(log, rng, owner, retire + 6 * MINUTE, 'system.log_stream.lifecycle.delete', 'Delete log stream', [splunk],
      { requestUri: `/api/v1/logStreams/${splunk.id}` });
  }
  return splunk;
}
