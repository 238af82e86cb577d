/**
 * The staged incident in Fabrikam Finance, two days before the end of the window: a password
 * spray from one foreign address, push fatigue until an admin accepts, then persistence (a new
 * super admin, an API token), the SIEM stream turned off, a report export — and the same address
 * in GitHub minutes later: a token granted, audit streaming paused, a burst of clones, an audit
 * log export. The next morning the security lead cleans up.
 */
import { gitTraffic, GIT_AGENT } from './github-activity.ts';
import type { GhMember, GithubLog } from './github-log.ts';
import { actorOf, OktaLog, userTarget } from './okta-log.ts';
import type { OktaTarget } from '../lib/okta-log-event.ts';
import { signIn } from './okta-activity.ts';
import type { Rng } from '../lib/prng.ts';
import { ATTACKER_AGENT, ATTACKER_NETWORK, DAY, HOUR, MINUTE, WINDOW_END, type Person } from './world.ts';

export interface IntrusionCast {
  victim: Person;
  responder: Person;
  sprayed: Person[];
  splunk: OktaTarget;
  githubVictim: GhMember;
  githubResponder: GhMember;
  /** A former employee whose account the attacker brings back. */
  leaver: Person;
}

export const INTRUSION_START = WINDOW_END - 2 * DAY - 13 * HOUR - 23 * MINUTE;

export function stageIntrusion(okta: OktaLog, github: GithubLog, rng: Rng, cast: IntrusionCast): void {
  const net = ATTACKER_NETWORK;
  const agent = ATTACKER_AGENT;
  let t = INTRUSION_START;
  // Password spray: a few attempts on each of several accounts.
  for (let round = 0; round < 4; round++) {
    for (const p of [...cast.sprayed, cast.victim]) {
      okta.emit(t, {
        eventType: 'user.session.start', displayMessage: 'User login to Okta', actor: actorOf(p), net, agent, threat: true,
        result: 'FAILURE', reason: 'INVALID_CREDENTIALS', legacy: 'core.user_auth.login_failed', session: 'unknown',
        debug: { requestUri: '/idp/idx/identify', url: '/idp/idx/identify?' },
      });
      t += rng.int(8_000, 40_000);
    }
  }
  // The admin's password works; two pushes are denied, the third accepted.
  t = signIn(okta, rng, cast.victim, t + 3 * MINUTE, { net, agent, threat: true, denyPushes: 2, sso: 0, logout: false });

  const attacker = { ...actorOf(cast.victim) };
  const session = okta.newSession();
  const act = (minutes: number, eventType: string, displayMessage: string, targets: OktaTarget[], debug: Record<string, string>): void => {
    t += minutes * MINUTE + rng.int(0, 59_999);
    okta.emit(t, { eventType, displayMessage, actor: attacker, net, agent, result: 'SUCCESS', targets, session, debug });
  };
  const backdoor: Person = {
    ...cast.victim,
    id: `00u${rng.base62(17)}`,
    first: 'svc',
    last: 'backup',
    displayName: 'svc-backup',
    email: `svc-backup@${cast.victim.email.split('@')[1] ?? 'example.com'}`,
    role: 'Super Administrator',
  };
  const token: OktaTarget = { id: `00T${rng.base62(17)}`, type: 'Token', alternateId: 'unknown', displayName: 'backup-sync', detailEntry: null };
  act(4, 'user.lifecycle.create', 'Create Okta user', [userTarget(backdoor)], { requestUri: '/api/v1/users', url: '/api/v1/users?activate=true' });
  act(1, 'user.lifecycle.activate', 'Activate Okta user', [userTarget(backdoor)], { requestUri: `/api/v1/users/${backdoor.id}/lifecycle/activate` });
  act(2, 'user.account.privilege.grant', 'Grant user privilege', [userTarget(backdoor)], { privilegeGranted: 'Super administrator', requestUri: `/api/v1/users/${backdoor.id}/roles` });
  act(3, 'system.api_token.create', 'Create API token', [token], { tokenName: 'backup-sync', requestUri: '/api/internal/tokens' });
  act(2, 'system.log_stream.lifecycle.deactivate', 'Deactivate log stream', [cast.splunk], { requestUri: `/api/v1/logStreams/${cast.splunk.id}/lifecycle/deactivate` });
  act(5, 'analytics.reports.export.request', 'Report export requested',
    [{ id: `rpt${rng.base62(17)}`, type: 'Report', alternateId: 'unknown', displayName: 'User accounts report', detailEntry: null }],
    { reportName: 'User accounts report', format: 'CSV', requestUri: '/api/v1/reports/export' });

  // Same address in GitHub, through SAML SSO as the same admin.
  const gh = cast.githubVictim;
  const via = { net, agent };
  t += 9 * MINUTE;
  github.emit(t, gh, 'org.sso_response', { saml_sso_response_status: 'success' }, via);
  const pat = { token_id: rng.int(1_000_000, 9_999_999), user_programmatic_access_name: 'backup-sync' };
  t += 3 * MINUTE;
  github.emit(t, gh, 'personal_access_token.request_created', { ...pat, permissions: { contents: 'read', metadata: 'read', administration: 'write' } }, via);
  t += 1 * MINUTE;
  github.emit(t, gh, 'personal_access_token.access_granted', { ...pat, user: gh.login, user_id: gh.id }, via);
  t += 2 * MINUTE;
  github.emit(t, gh, 'audit_log_streaming.update', { audit_log_stream_sink: 'splunk', audit_log_stream_enabled: false }, via);
  for (const repo of github.org.repos.slice(0, 10)) {
    t += rng.int(15_000, 50_000);
    github.emit(t, gh, 'git.clone', {
      repo: repo.name, repo_id: repo.id, repository: repo.name, repository_id: repo.id, repository_public: false,
      programmatic_access_type: 'Fine-grained personal access token', transport_protocol: 1, transport_protocol_name: 'http',
    }, { net, agent: GIT_AGENT });
  }
  t += 4 * MINUTE;
  github.emit(t, gh, 'org.audit_log_export', { query_phrase: 'actor:' + gh.login, format: 'json' }, via);
  const attackEnd = t;

  // Next morning: the security lead revokes, re-enables and removes.
  const responder = cast.responder;
  let r = WINDOW_END - DAY - 6 * HOUR + rng.int(0, 30) * MINUTE;
  r = signIn(okta, rng, responder, r, { sso: 0, logout: false });
  const fix = (minutes: number, eventType: string, displayMessage: string, targets: OktaTarget[], debug: Record<string, string>): void => {
    r += minutes * MINUTE + rng.int(0, 59_999);
    okta.emit(r, { eventType, displayMessage, actor: actorOf(responder), net: responder.network, agent: responder.agent, result: 'SUCCESS', targets, session: okta.newSession(), debug });
  };
  fix(6, 'system.log_stream.lifecycle.activate', 'Activate log stream', [cast.splunk], { requestUri: `/api/v1/logStreams/${cast.splunk.id}/lifecycle/activate` });
  fix(3, 'system.api_token.revoke', 'Revoke API token', [token], { tokenName: 'backup-sync', requestUri: `/api/internal/tokens/${token.id}` });
  fix(2, 'user.account.privilege.revoke', 'Revoke user privilege', [userTarget(backdoor)], { privilegeRevoked: 'Super administrator', requestUri: `/api/v1/users/${backdoor.id}/roles` });
  fix(1, 'user.lifecycle.deactivate', 'Deactivate Okta user', [userTarget(backdoor)], { requestUri: `/api/v1/users/${backdoor.id}/lifecycle/deactivate` });
  const backdoorDeactivated = r;
  fix(2, 'user.session.clear', 'Clear user session', [userTarget(cast.victim)], { requestUri: `/api/v1/users/${cast.victim.id}/sessions` });
  fix(1, 'user.account.reset_password', 'Reset password for Okta user', [userTarget(cast.victim)], { requestUri: `/api/v1/users/${cast.victim.id}/lifecycle/reset_password` });
  const ghr = cast.githubResponder;
  r += 25 * MINUTE;
  github.emit(r, ghr, 'org.sso_response', { saml_sso_response_status: 'success' });
  r += 3 * MINUTE;
  github.emit(r, ghr, 'personal_access_token.access_revoked', { ...pat, user: gh.login, user_id: gh.id });
  r += 2 * MINUTE;
  github.emit(r, ghr, 'audit_log_streaming.update', { audit_log_stream_sink: 'splunk', audit_log_stream_enabled: true });
  r += 40 * MINUTE;
  gitTraffic(github, rng, ghr, r, 'git.fetch');

  // Planted for the built-in rule pack, added after the story above so none of its events change:
  // the attacker deletes six of the cloned repositories, resets the responder's MFA factors and
  // brings back a former employee's account; the next morning the deactivated backdoor account
  // still tries to sign in. And the victim's own sign-in from her usual place shortly before the
  // spray, so the attacker's sign-in from abroad is impossible travel.
  let p = attackEnd;
  for (const repo of github.org.repos.slice(0, 6)) {
    p += rng.int(20_000, 70_000);
    github.emit(p, gh, 'repo.destroy', { repo: repo.name, repo_id: repo.id, visibility: 'private' }, via);
  }
  const later = (minutes: number, eventType: string, displayMessage: string, targets: OktaTarget[], debug: Record<string, string>): void => {
    p += minutes * MINUTE + rng.int(0, 59_999);
    okta.emit(p, { eventType, displayMessage, actor: attacker, net, agent, result: 'SUCCESS', targets, session, debug });
  };
  later(4, 'user.mfa.factor.reset_all', 'Reset all factors for user', [userTarget(responder)], { requestUri: `/api/v1/users/${responder.id}/lifecycle/reset_factors` });
  later(3, 'user.lifecycle.reactivate', 'Reactivate Okta user', [userTarget(cast.leaver)], { requestUri: `/api/v1/users/${cast.leaver.id}/lifecycle/reactivate` });
  okta.emit(backdoorDeactivated + 47 * MINUTE + rng.int(0, 59_999), {
    eventType: 'user.session.start', displayMessage: 'User login to Okta', actor: actorOf(backdoor), net, agent, threat: true,
    result: 'FAILURE', reason: 'VERIFICATION_ERROR', legacy: 'core.user_auth.login_failed', session: 'unknown',
    debug: { requestUri: '/idp/idx/identify', url: '/idp/idx/identify?' },
  });
  okta.emit(INTRUSION_START - 20 * MINUTE - rng.int(0, 59_999), {
    eventType: 'user.session.start', displayMessage: 'User login to Okta', actor: actorOf(cast.victim), net: cast.victim.network,
    agent: cast.victim.agent, result: 'SUCCESS', legacy: 'core.user_auth.login_success', session: okta.newSession(),
    debug: { requestUri: '/idp/idx/identify', url: '/idp/idx/identify?' },
  });
}
