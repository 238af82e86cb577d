/**
 * A deterministic simulator of Okta-style audit events for benches and tests: 50 tenants (an MSP's
 * customers) of 30–300 users each, ~150 dotted event types with a Zipf-like skew, ~5 % failures,
 * addresses from a few hundred /24s (some IPv6) with a country and city each, a few dozen user
 * agents, and a raw JSON of ~600 bytes per event in the shape of the Okta System Log API, spread
 * over 180 days with a business-hours and weekday bias, a slow growth and a few burst days.
 *
 * Everything comes from a seeded PRNG (sfc32), never Math.random: the same options give the same
 * events, byte for byte. Events are yielded tenant by tenant (as an initial sync pulls them),
 * oldest first, in batches capped by a byte budget of raw text, so 1,000,000 events never sit in
 * memory at once. Each tenant has its own PRNG stream, so one tenant can be generated alone.
 */
import type { Activity, Category, NormalizedEvent, Outcome } from '../../main/domain/event.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// PRNG and weighted choice

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** sfc32: small, fast, 128 bits of state (a 32-bit-state PRNG would repeat uuids within 1M). */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88 ^ Math.imul(stream + 1, 0x85ebca6b);
    this.c = 0xb7e15162 ^ Math.imul(seed + 0x632be5ab, 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 20; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** `n` characters from `alphabet` (at most 62 letters: five come from one 32-bit draw). */
  chars(n: number, alphabet: string): string {
    const k = alphabet.length;
    let s = '';
    let x = 0;
    for (let i = 0; i < n; i++) {
      if (i % 5 === 0) x = this.u32();
      s += alphabet[x % k];
      x = Math.floor(x / k);
    }
    return s;
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i += 4) {
      const x = this.u32();
      s += HEX2[x & 0xff]! + HEX2[(x >>> 8) & 0xff]!;
    }
    return s.length === n ? s : s.slice(0, n);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** Picks items by fixed weights in O(log n). */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(items: readonly T[], weights: readonly number[]) {
    this.items = items;
    this.cum = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cum[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Prng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cum[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

const zipf = (n: number, s: number, offset = 1): number[] => Array.from({ length: n }, (_, i) => 1 / (i + offset) ** s);

// ---------------------------------------------------------------------------------------------
// Fixed vocabularies

type ActorKind = 'user' | 'admin' | 'system' | 'app';
type TargetKind = 'none' | 'self' | 'user' | 'app' | 'group' | 'policy' | 'factor' | 'token' | 'device' | 'zone';

export interface ActionDef {
  action: string;
  category: Category;
  activity: Activity;
  actor: ActorKind;
  target: TargetKind;
  /** Share of failures for this event type. */
  fail: number;
  message: string;
  legacy: string | null;
}

/**
 * Event types in rank order (most frequent first); the weight of rank r is 1/(r+2)^1.05.
 * [action, actor, target, failure rate, display message?]
 */
const ACTION_TABLE: readonly [string, ActorKind, TargetKind, number, string?][] = [
  ['policy.evaluate_sign_on', 'user', 'policy', 0.06, 'Evaluation of sign-on policy'],
  ['user.session.start', 'user', 'none', 0.08, 'User login to Okta'],
  ['user.authentication.sso', 'user', 'app', 0.02, 'User single sign on to app'],
  ['app.oauth2.as.token.grant.access_token', 'app', 'app', 0.01, 'OAuth2 access token is granted'],
  ['user.authentication.auth_via_mfa', 'user', 'factor', 0.09, 'Authentication of user via MFA'],
  ['user.authentication.verify', 'user', 'factor', 0.1, 'Verify user identity'],
  ['app.oauth2.as.authorize.code', 'user', 'app', 0.02, 'OAuth2 authorization code request'],
  ['user.session.end', 'user', 'none', 0, 'User logout from Okta'],
  ['app.oauth2.as.token.grant.id_token', 'app', 'app', 0.01, 'OAuth2 id token is granted'],
  ['system.push.send_factor_verify_push', 'system', 'factor', 0.02, 'Push notification sent for verification'],
  ['app.oauth2.as.token.grant.refresh_token', 'app', 'app', 0.02, 'OAuth2 refresh token is granted'],
  ['user.session.access_admin_app', 'admin', 'app', 0.01, 'User accessing Okta admin app'],
  ['app.user_management.push_profile_success', 'system', 'user', 0, 'Push user profile to app'],
  ['user.authentication.authenticate', 'user', 'factor', 0.12, 'User authentication'],
  ['system.email.delivery', 'system', 'user', 0.03, 'Email delivery'],
  ['app.oauth2.as.authorize', 'user', 'app', 0.03, 'OAuth2 authorization request'],
  ['user.session.context.change', 'user', 'none', 0, 'User session context changed'],
  ['user.mfa.okta_verify.deny_push', 'user', 'factor', 1, 'User rejected Okta push verify'],
  ['group.user_membership.add', 'admin', 'group', 0, 'Add user to group membership'],
  ['system.agent.ad.read_dirsync', 'system', 'none', 0.01, 'Okta AD agent read directory sync'],
  ['user.authentication.auth_via_IDP', 'user', 'app', 0.05, 'Authenticate user via IDP'],
  ['app.generic.unauth_app_access_attempt', 'user', 'app', 1, 'User attempted unauthorized access to app'],
  ['user.account.update_profile', 'user', 'self', 0.01, 'Update user profile for Okta'],
  ['system.import.user.update', 'system', 'user', 0.01, 'Update user from import'],
  ['group.user_membership.remove', 'admin', 'group', 0, 'Remove user from group membership'],
  ['application.user_membership.add', 'admin', 'app', 0.01, 'Add user to application membership'],
  ['user.authentication.slo', 'user', 'app', 0, 'User single logout from app'],
  ['system.sms.send_factor_verify_message', 'system', 'factor', 0.04, 'Send SMS for factor verification'],
  ['security.request.blocked', 'system', 'none', 1, 'Request from suspicious actor blocked'],
  ['user.account.lock', 'system', 'self', 0, 'Max sign in attempts exceeded'],
  ['user.account.reset_password', 'user', 'self', 0.04, 'Fired when the user\'s Okta password is reset'],
  ['user.account.update_password', 'user', 'self', 0.06, 'User update password for Okta'],
  ['app.oauth2.token.grant.access_token', 'app', 'app', 0.01, 'OAuth2 access token is granted'],
  ['user.mfa.factor.activate', 'user', 'factor', 0.02, 'User set up MFA factor'],
  ['system.agent.ad.realtimesync', 'system', 'none', 0, 'Okta AD agent real-time sync'],
  ['application.provision.user.push', 'system', 'app', 0.03, 'Push new user to external application'],
  ['user.account.unlock', 'admin', 'user', 0, 'Unlock user account'],
  ['app.user_management.push_password_update', 'system', 'user', 0.02, 'Push user password update to app'],
  ['user.authentication.auth_via_social', 'user', 'app', 0.04, 'Authenticate user with social login'],
  ['device.assurance.policy.evaluate', 'user', 'device', 0.05, 'Device assurance policy evaluated'],
  ['user.risk.detect', 'system', 'self', 0, 'User risk detected'],
  ['security.session.detect_client_roaming', 'system', 'none', 0, 'Roaming session detected'],
  ['user.lifecycle.activate', 'admin', 'user', 0, 'Activate Okta user'],
  ['user.lifecycle.create', 'admin', 'user', 0.01, 'Create Okta user'],
  ['system.import.start', 'system', 'none', 0, 'Import started'],
  ['system.import.complete', 'system', 'none', 0.02, 'Import complete'],
  ['app.oauth2.as.token.revoke', 'app', 'app', 0, 'OAuth2 token revocation request'],
  ['application.user_membership.remove', 'admin', 'app', 0, 'Remove user from application membership'],
  ['user.mfa.factor.deactivate', 'admin', 'factor', 0, 'Reset factor for user'],
  ['user.lifecycle.deactivate', 'admin', 'user', 0, 'Deactivate Okta user'],
  ['group.lifecycle.create', 'admin', 'group', 0, 'Create Okta group'],
  ['device.user.add', 'user', 'device', 0, 'Add device to user'],
  ['device.enrollment.create', 'user', 'device', 0.03, 'Enroll device'],
  ['application.user_membership.update', 'admin', 'app', 0, 'Update user application membership'],
  ['user.authentication.auth_via_radius', 'user', 'app', 0.07, 'Authenticate user via Radius'],
  ['user.authentication.auth_via_richclient', 'user', 'app', 0.05, 'Authenticate user via rich client'],
  ['app.user_management.provision_user', 'system', 'user', 0.02, 'Provision user to app'],
  ['user.session.expire', 'system', 'none', 0, 'User session expired'],
  ['user.session.clear', 'admin', 'user', 0, 'Clear user session'],
  ['system.voice.send_phone_verification_call', 'system', 'factor', 0.05, 'Send voice call for verification'],
  ['user.credential.enroll', 'user', 'factor', 0.02, 'Enroll user credential'],
  ['system.org.rate_limit.warning', 'system', 'none', 0, 'Rate limit warning'],
  ['app.user_management.app_group_member_import.insert_success', 'system', 'group', 0, 'Imported app group membership'],
  ['user.lifecycle.suspend', 'admin', 'user', 0, 'Suspend Okta user'],
  ['user.lifecycle.unsuspend', 'admin', 'user', 0, 'Unsuspend Okta user'],
  ['policy.rule.update', 'admin', 'policy', 0, 'Update policy rule'],
  ['policy.lifecycle.update', 'admin', 'policy', 0, 'Update policy'],
  ['app.lifecycle.update', 'admin', 'app', 0, 'Update application'],
  ['group.application_assignment.add', 'admin', 'app', 0, 'Add assigned application to group'],
  ['system.agent.ad.update_user', 'system', 'user', 0.01, 'Okta AD agent updated user'],
  ['system.agent.ad.import_user', 'system', 'user', 0.01, 'Okta AD agent imported user'],
  ['app.oauth2.token.grant.refresh_token', 'app', 'app', 0.02, 'OAuth2 refresh token is granted'],
  ['app.oauth2.token.grant.id_token', 'app', 'app', 0.01, 'OAuth2 id token is granted'],
  ['app.oauth2.as.consent.grant', 'user', 'app', 0, 'User granted consent to app'],
  ['user.identity_verification', 'user', 'self', 0.08, 'Identity verification'],
  ['user.lifecycle.reactivate', 'admin', 'user', 0, 'Reactivate Okta user'],
  ['user.account.privilege.grant', 'admin', 'user', 0, 'Grant user privilege'],
  ['user.account.privilege.revoke', 'admin', 'user', 0, 'Revoke user privilege'],
  ['user.mfa.factor.update', 'user', 'factor', 0.01, 'Update MFA factor'],
  ['user.mfa.factor.reset_all', 'admin', 'user', 0, 'Reset all factors for user'],
  ['user.mfa.attempt_bypass', 'user', 'factor', 1, 'Attempt bypass of factor'],
  ['user.account.lock.limit', 'system', 'self', 0, 'Block access from unknown device'],
  ['user.account.report_suspicious_activity_by_enduser', 'user', 'self', 0, 'User report suspicious activity'],
  ['user.registration.create', 'user', 'self', 0.03, 'Create user registration'],
  ['user.risk.change', 'system', 'self', 0, 'User risk level changed'],
  ['user.lifecycle.delete.initiated', 'admin', 'user', 0, 'Delete Okta user'],
  ['user.lifecycle.password_mass_expire', 'admin', 'none', 0, 'Expire all user passwords'],
  ['user.session.impersonation.grant', 'admin', 'user', 0, 'Grant support impersonation'],
  ['user.session.impersonation.initiate', 'admin', 'user', 0, 'Initiate impersonation session'],
  ['user.session.impersonation.end', 'admin', 'user', 0, 'End impersonation session'],
  ['user.authentication.universal_logout', 'admin', 'user', 0, 'Universal logout of user'],
  ['policy.lifecycle.create', 'admin', 'policy', 0, 'Create policy'],
  ['policy.lifecycle.activate', 'admin', 'policy', 0, 'Activate policy'],
  ['policy.lifecycle.deactivate', 'admin', 'policy', 0, 'Deactivate policy'],
  ['policy.lifecycle.delete', 'admin', 'policy', 0, 'Delete policy'],
  ['policy.rule.add', 'admin', 'policy', 0, 'Add policy rule'],
  ['policy.rule.activate', 'admin', 'policy', 0, 'Activate policy rule'],
  ['policy.rule.deactivate', 'admin', 'policy', 0, 'Deactivate policy rule'],
  ['policy.rule.delete', 'admin', 'policy', 0, 'Delete policy rule'],
  ['policy.entity_risk.evaluate', 'system', 'self', 0, 'Entity risk policy evaluated'],
  ['policy.auth_reevaluate.enforce', 'system', 'self', 0.3, 'Authentication re-evaluation enforced'],
  ['app.oauth2.token.detect_reuse', 'system', 'app', 1, 'Refresh token reuse detected'],
  ['app.oauth2.as.consent.revoke', 'user', 'app', 0, 'User revoked consent to app'],
  ['app.user_management.push_new_user', 'system', 'user', 0.03, 'Push new user to app'],
  ['app.user_management.deactivate_user_from_app', 'system', 'user', 0.01, 'Deactivate user from app'],
  ['app.user_management.update_from_master_failed', 'system', 'user', 1, 'Update user from master failed'],
  ['app.lifecycle.create', 'admin', 'app', 0, 'Add application'],
  ['app.lifecycle.activate', 'admin', 'app', 0, 'Activate application'],
  ['app.lifecycle.deactivate', 'admin', 'app', 0, 'Deactivate application'],
  ['app.lifecycle.delete', 'admin', 'app', 0, 'Delete application'],
  ['app.inbound_del_auth.login_success', 'user', 'app', 0, 'Delegated authentication login success'],
  ['app.keys.rotate', 'system', 'app', 0, 'Rotate application keys'],
  ['app.saml.sensitive_attribute.update', 'admin', 'app', 0, 'Update sensitive SAML attribute'],
  ['application.user_membership.change_username', 'admin', 'app', 0, 'Change app username'],
  ['application.provision.user.sync', 'system', 'app', 0.02, 'Sync user to external application'],
  ['application.provision.user.deactivate', 'system', 'app', 0.01, 'Deactivate user in external application'],
  ['application.provision.group.push', 'system', 'group', 0.02, 'Push group to external application'],
  ['application.integration.rate_limit_exceeded', 'system', 'app', 1, 'Application rate limit exceeded'],
  ['group.lifecycle.delete', 'admin', 'group', 0, 'Delete Okta group'],
  ['group.profile.update', 'admin', 'group', 0, 'Update group profile'],
  ['group.privilege.grant', 'admin', 'group', 0, 'Grant group privilege'],
  ['group.privilege.revoke', 'admin', 'group', 0, 'Revoke group privilege'],
  ['group.application_assignment.remove', 'admin', 'app', 0, 'Remove assigned application from group'],
  ['system.api_token.create', 'admin', 'token', 0, 'Create API token'],
  ['system.api_token.revoke', 'admin', 'token', 0, 'Revoke API token'],
  ['system.api_token.enable', 'admin', 'token', 0, 'Enable API token'],
  ['system.import.user.create', 'system', 'user', 0.01, 'Create user from import'],
  ['system.import.user.match', 'system', 'user', 0, 'Match imported user'],
  ['system.org.rate_limit.violation', 'system', 'none', 1, 'Rate limit violation'],
  ['system.org.rate_limit.burst', 'system', 'none', 0, 'Rate limit burst'],
  ['system.client.rate_limit.violation', 'system', 'none', 1, 'Client rate limit violation'],
  ['system.agent.ad.connect', 'system', 'none', 0.05, 'Okta AD agent connected'],
  ['system.log_stream.lifecycle.create', 'admin', 'none', 0, 'Create log stream'],
  ['system.mfa.factor.activate', 'admin', 'factor', 0, 'Activate factor for org'],
  ['system.idp.lifecycle.create', 'admin', 'app', 0, 'Create identity provider'],
  ['system.idp.lifecycle.update', 'admin', 'app', 0, 'Update identity provider'],
  ['system.feature.ea.enable', 'admin', 'none', 0, 'Enable early access feature'],
  ['security.threat.detected', 'system', 'none', 1, 'Request from suspicious IP detected'],
  ['security.authenticator.lifecycle.activate', 'admin', 'factor', 0, 'Activate authenticator'],
  ['security.authenticator.lifecycle.update', 'admin', 'factor', 0, 'Update authenticator'],
  ['security.trusted_origin.create', 'admin', 'none', 0, 'Create trusted origin'],
  ['security.events.provider.receive_event', 'system', 'self', 0, 'Security events provider reported risk'],
  ['security.attack.start', 'system', 'none', 0, 'Password spray attack detected'],
  ['security.attack.end', 'system', 'none', 0, 'Password spray attack ended'],
  ['device.lifecycle.activate', 'admin', 'device', 0, 'Activate device'],
  ['device.lifecycle.deactivate', 'admin', 'device', 0, 'Deactivate device'],
  ['device.lifecycle.delete', 'admin', 'device', 0, 'Delete device'],
  ['zone.update', 'admin', 'zone', 0, 'Update network zone'],
  ['zone.make_blacklist', 'admin', 'zone', 0, 'Block network zone'],
  ['iam.role.create', 'admin', 'none', 0, 'Create custom admin role'],
  ['iam.resourceset.create', 'admin', 'none', 0, 'Create resource set'],
  ['iam.resourceset.bindings.add', 'admin', 'user', 0, 'Add resource set binding'],
  ['org.preferences.update', 'admin', 'none', 0, 'Update org preferences'],
  ['core.concurrency.org.limit.violation', 'system', 'none', 1, 'Concurrency limit violation'],
  ['inline_hook.executed', 'system', 'none', 0.05, 'Inline hook executed'],
  ['event_hook.delivery', 'system', 'none', 0.04, 'Event hook delivery'],
  ['workflows.user.flow.run', 'system', 'none', 0.03, 'Workflow run'],
  ['pki.cert.issue', 'system', 'device', 0, 'Issue device certificate'],
  ['pki.cert.revoke', 'admin', 'device', 0, 'Revoke device certificate'],
];

const LEGACY: Readonly<Record<string, string>> = {
  'user.session.start': 'core.user_auth.login_success',
  'user.session.end': 'core.user_auth.logout_success',
  'user.authentication.sso': 'app.auth.sso',
  'user.authentication.auth_via_mfa': 'core.user.factor.attempt_success',
  'user.account.lock': 'core.user_auth.account_locked',
  'group.user_membership.add': 'core.user_group_member.user_add',
  'group.user_membership.remove': 'core.user_group_member.user_remove',
  'user.lifecycle.create': 'core.user.config.user_creation.success',
  'user.lifecycle.deactivate': 'core.user.config.user_deactivated',
};

function categoryOf(action: string): Category {
  const [a = '', b = ''] = action.split('.');
  if (a === 'user' && (b === 'session' || b === 'authentication' || b === 'mfa' || b === 'credential')) return 'auth';
  if (a === 'user' && b === 'risk') return 'security';
  if (a === 'user' || a === 'directory') return 'user';
  if (a === 'group' || a === 'iam') return 'access';
  if (a === 'app' || a === 'application') return 'app';
  if (a === 'policy' || a === 'org' || a === 'zone') return 'config';
  if (a === 'security') return 'security';
  if (a === 'device' || a === 'pki') return 'infrastructure';
  if (a === 'inline_hook' || a === 'event_hook' || a === 'workflows') return 'integration';
  if (a === 'system') return b === 'api_token' || b === 'agent' || b === 'import' ? 'integration' : 'infrastructure';
  return 'other';
}

function activityOf(action: string): Activity {
  const parts = action.split('.');
  const last = parts.at(-1) ?? '';
  if (action.startsWith('user.session.start') || /^(sso|auth_via_\w+|authenticate|verify)$/.test(last)) return 'login';
  if (last === 'end' && parts[1] === 'session') return 'logout';
  if (last === 'slo' || last === 'universal_logout' || last === 'expire' || last === 'clear') return 'logout';
  if (/^(create|add|grant|activate|enroll|issue|push_new_user|provision_user|insert_success|initiate)$/.test(last)) return 'create';
  if (/^(delete|remove|revoke|deactivate|delete.initiated|initiated|deactivate_user_from_app)$/.test(last)) return 'delete';
  if (/^(update|update_profile|update_password|reset_password|change|reset_all|rotate|unlock|lock|suspend|unsuspend|reactivate|change_username|enable|make_blacklist|push_profile_success|push_password_update|sync|update_user)$/.test(last)) return 'update';
  if (/^(evaluate|evaluate_sign_on|read_dirsync|access_admin_app|detect)$/.test(last)) return 'read';
  return 'other';
}

export const ACTIONS: readonly ActionDef[] = ACTION_TABLE.map(([action, actor, target, fail, message]) => ({
  action,
  category: categoryOf(action),
  activity: activityOf(action),
  actor,
  target,
  fail,
  message: message ?? action,
  legacy: LEGACY[action] ?? null,
}));

const FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Lisa', 'Matthew',
  'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Priya', 'Wei', 'Aisha', 'Mohammed', 'Olga', 'Hiroshi', 'Chloé',
  'José', 'Zoë', 'Søren', 'Anja', 'Lukas', 'Mateo', 'Fatima', 'Kwame', 'Ngozi', 'Raj', 'Mei', 'Ivan', 'Elena', 'Noah',
  'Emma', 'Liam', 'Olivia', 'Lucas', 'Mia', 'Ethan', 'Amara', 'Yusuf', 'Ines', 'Björn', 'Hana',
];
const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Okonkwo', 'Müller', 'Schmidt', 'Kowalski',
  'Novak', 'Tanaka', 'Suzuki', 'Kim', 'Park', 'Chen', 'Wang', 'Singh', 'Patel', 'Kumar', 'Ivanova', 'Rossi',
  'Bianchi', 'Dubois', 'Lefèvre', 'Jansen',
];
const COMPANY = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Cyberdyne', 'Soylent', 'Tyrell',
  'Massive Dynamic', 'Aperture', 'Black Mesa', 'Vandelay', 'Pied Piper', 'Dunder Mifflin', 'Sterling Cooper',
  'Oscorp', 'Gringotts', 'Monarch', 'Nakatomi', 'Virtucon', 'Gekko', 'Prestige', 'Wernham Hogg', 'Bluth',
  'Krusty', 'Planet Express', 'Ollivanders', 'Duff', 'Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Woodgrove',
  'Litware', 'Adatum', 'Proseware', 'Lamna', 'Fourth Coffee', 'Coho', 'Alpine Ski', 'Margie', 'Trey Research',
  'Wide World', 'Blue Yonder', 'Humongous', 'Relecloud', 'Southridge',
];
const SUFFIX = ['Corp', 'Inc', 'Ltd', 'GmbH', 'Group', 'Holdings', 'Labs', 'Industries', 'Partners', 'AG'];
const APPS = [
  'Salesforce', 'Slack', 'GitHub Enterprise', 'Google Workspace', 'Microsoft Office 365', 'Zoom', 'Atlassian Cloud',
  'AWS IAM Identity Center', 'Workday', 'ServiceNow', 'Box', 'Dropbox Business', 'DocuSign', 'Zendesk', 'HubSpot',
  'Tableau Cloud', 'Snowflake', 'Datadog', 'PagerDuty', 'Figma', 'Notion', 'Okta Admin Console', 'Okta Dashboard',
  'Jamf Pro', 'Expensify', 'BambooHR', 'Greenhouse', 'Miro', 'Asana', 'Zscaler',
];
const GROUPS = [
  'Everyone', 'Engineering', 'Sales', 'Finance', 'HR', 'IT Admins', 'Contractors', 'Support', 'Marketing', 'Legal',
  'Executives', 'VPN Users', 'MFA Exempt', 'Security', 'Data Science', 'Remote Staff', 'Product', 'Interns',
];
const POLICIES = [
  'Default Policy', 'Global Session Policy', 'Admin MFA Required', 'Contractors Sign-On', 'Okta Dashboard Policy',
  'High Risk Block', 'Passwordless FastPass', 'Legacy Apps', 'Device Assurance - Managed', 'Password Policy',
];
const FACTORS: readonly [string, string][] = [
  ['Okta Verify', 'signed_nonce'], ['Okta Verify', 'push'], ['Google Authenticator', 'token:software:totp'],
  ['Phone', 'sms'], ['Phone', 'call'], ['Security Key or Biometric', 'webauthn'], ['Email', 'email'], ['Password', 'password'],
];
const ROLES = ['SUPER_ADMIN', 'ORG_ADMIN', 'APP_ADMIN', 'USER_ADMIN', 'HELP_DESK_ADMIN', 'READ_ONLY_ADMIN'];
const FAIL_REASONS = [
  'INVALID_CREDENTIALS', 'VERIFICATION_ERROR', 'LOCKED_OUT', 'Sign-on policy evaluation resulted in DENY',
  'User rejected Okta Verify push', 'FastPass declined phishing attempt', 'INVALID_OTP', 'UNKNOWN_USER',
  'Network zone blocked', 'Too many requests',
];

/** A few dozen user agents: [raw, os, browser]. */
const USER_AGENTS: readonly [string, string, string][] = (() => {
  const out: [string, string, string][] = [];
  const oses: [string, string][] = [
    ['Windows NT 10.0; Win64; x64', 'Windows 10'],
    ['Macintosh; Intel Mac OS X 10_15_7', 'Mac OS X'],
    ['X11; Linux x86_64', 'Linux'],
    ['iPhone; CPU iPhone OS 17_5 like Mac OS X', 'iOS'],
    ['Linux; Android 14; Pixel 8', 'Android'],
  ];
  const browsers: [string, string][] = [
    ['AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'CHROME'],
    ['AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0', 'EDGE'],
    ['Gecko/20100101 Firefox/127.0', 'FIREFOX'],
    ['AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'SAFARI'],
    ['AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'CHROME'],
  ];
  for (const [os, osName] of oses) for (const [b, bName] of browsers) out.push([`Mozilla/5.0 (${os}) ${b}`, osName, bName]);
  out.push(
    ['Okta Verify/9.20.0 (iOS 17.5; iPhone15,2)', 'iOS', 'UNKNOWN'],
    ['Okta Verify/9.19.1 (Android 14; Pixel 8)', 'Android', 'UNKNOWN'],
    ['OktaVerify/4.9.2.0 (Windows 10; x64)', 'Windows 10', 'UNKNOWN'],
    ['python-requests/2.32.3', 'Unknown', 'UNKNOWN'],
    ['okta-sdk-java/8.2.5 java/17.0.11 Linux/5.15', 'Linux', 'UNKNOWN'],
    ['Terraform/1.8.5 okta-terraform/4.9.0', 'Unknown', 'UNKNOWN'],
    ['curl/8.7.1', 'Unknown', 'UNKNOWN'],
    ['Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17726; Pro)', 'Windows 10', 'UNKNOWN'],
    ['Okta-Integrations', 'Unknown', 'UNKNOWN'],
    ['Jamf Pro SCIM client 11.6', 'Unknown', 'UNKNOWN'],
  );
  return out;
})();

/** Countries with their cities: [country, city, region, lat, lon]. */
const PLACES: readonly [string, string, string, number, number][] = [
  ['United States', 'New York', 'New York', 40.71, -74.01], ['United States', 'San Francisco', 'California', 37.77, -122.42],
  ['United States', 'Chicago', 'Illinois', 41.88, -87.63], ['United States', 'Austin', 'Texas', 30.27, -97.74],
  ['United States', 'Seattle', 'Washington', 47.61, -122.33], ['Canada', 'Toronto', 'Ontario', 43.65, -79.38],
  ['Canada', 'Vancouver', 'British Columbia', 49.28, -123.12], ['Mexico', 'Mexico City', 'CDMX', 19.43, -99.13],
  ['Brazil', 'São Paulo', 'São Paulo', -23.55, -46.63], ['United Kingdom', 'London', 'England', 51.51, -0.13],
  ['United Kingdom', 'Manchester', 'England', 53.48, -2.24], ['Ireland', 'Dublin', 'Leinster', 53.35, -6.26],
  ['Germany', 'Berlin', 'Land Berlin', 52.52, 13.4], ['Germany', 'Munich', 'Bavaria', 48.14, 11.58],
  ['France', 'Paris', 'Île-de-France', 48.86, 2.35], ['Netherlands', 'Amsterdam', 'North Holland', 52.37, 4.9],
  ['Spain', 'Madrid', 'Madrid', 40.42, -3.7], ['Italy', 'Milan', 'Lombardy', 45.46, 9.19],
  ['Sweden', 'Stockholm', 'Stockholm', 59.33, 18.07], ['Poland', 'Warsaw', 'Mazovia', 52.23, 21.01],
  ['Switzerland', 'Zürich', 'Zurich', 47.37, 8.54], ['India', 'Bengaluru', 'Karnataka', 12.97, 77.59],
  ['India', 'Mumbai', 'Maharashtra', 19.08, 72.88], ['Singapore', 'Singapore', 'Singapore', 1.35, 103.82],
  ['Japan', 'Tokyo', 'Tokyo', 35.68, 139.69], ['Australia', 'Sydney', 'New South Wales', -33.87, 151.21],
  ['Australia', 'Melbourne', 'Victoria', -37.81, 144.96], ['South Africa', 'Johannesburg', 'Gauteng', -26.2, 28.05],
  ['Nigeria', 'Lagos', 'Lagos', 6.52, 3.38], ['Israel', 'Tel Aviv', 'Tel Aviv', 32.09, 34.78],
];

/** Regions, each with the UTC offsets its tenants work in and the places its people are. */
const REGIONS: readonly { name: string; offsets: number[]; places: number[] }[] = [
  { name: 'amer', offsets: [-8, -7, -6, -5, -5, -4], places: [0, 1, 2, 3, 4, 5, 6, 7, 8] },
  { name: 'emea', offsets: [0, 1, 1, 2, 2], places: [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 27, 28, 29] },
  { name: 'apac', offsets: [5.5, 8, 9, 10], places: [21, 22, 23, 24, 25, 26] },
];

// ---------------------------------------------------------------------------------------------
// The world: tenants, users, networks

/** A /24 (or an IPv6 /64) with a place; hosts are drawn inside it. */
export interface SimNet {
  /** `a.b.c` for IPv4, the first four groups for IPv6. */
  prefix: string;
  v6: boolean;
  /** The covering /16 (IPv4) or /32 (IPv6) in CIDR notation, for `ip:` queries. */
  block: string;
  place: number;
}

export interface SimUser {
  id: string;
  name: string;
  email: string;
  role: string | null;
  net: SimNet;
  ua: number;
}

export interface SimTenant {
  index: number;
  externalId: string;
  name: string;
  domain: string;
  groups: string[];
  utcOffsetH: number;
  eventCount: number;
  users: SimUser[];
  admins: SimUser[];
  offices: SimNet[];
  clients: { id: string; name: string }[];
}

export interface SimOptions {
  /** Events across all tenants. */
  total: number;
  tenants?: number;
  seed?: number;
  days?: number;
  /** UTC ms just past the newest event; default 2025-06-01T00:00Z (fixed, so output is stable). */
  end?: number;
  /** Raw bytes per batch (the budget is checked after each event); default 4 MiB. */
  batchBytes?: number;
}

export interface SimWorld {
  tenants: SimTenant[];
  nets: SimNet[];
  start: number;
  end: number;
  days: number;
  seed: number;
}

export interface SimBatch {
  tenant: SimTenant;
  events: NormalizedEvent[];
  /** UTF-8 bytes of the batch's raw text. */
  rawBytes: number;
}

export const DEFAULT_END = Date.UTC(2025, 5, 1);
const B62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const oktaId = (rng: Prng, prefix: string) => prefix + rng.chars(17, B62);
const slug = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

function buildNets(rng: Prng): SimNet[] {
  const nets: SimNet[] = [];
  const firstOctets = [23, 31, 34, 37, 45, 50, 52, 62, 66, 73, 77, 81, 84, 86, 89, 91, 98, 104, 108, 141, 151, 176, 185, 188, 195, 203, 212, 213, 217];
  const used = new Set<string>();
  // ~60 IPv4 /16s in one country each, 4–9 /24s per /16 in that country's cities: ~390 /24s.
  for (let i = 0; i < 60; i++) {
    let a = rng.pick(firstOctets);
    let b = rng.int(256);
    while (used.has(`${a}.${b}`)) {
      a = rng.pick(firstOctets);
      b = rng.int(256);
    }
    used.add(`${a}.${b}`);
    const country = PLACES[rng.int(PLACES.length)]![0];
    const places = PLACES.map((p, k) => [p, k] as const).filter(([p]) => p[0] === country).map(([, k]) => k);
    const n = rng.range(4, 9);
    const thirds = new Set<number>();
    while (thirds.size < n) thirds.add(rng.int(256));
    for (const c of thirds) nets.push({ prefix: `${a}.${b}.${c}`, v6: false, block: `${a}.${b}.0.0/16`, place: rng.pick(places) });
  }
  // ~40 IPv6 /64s under 10 /32s.
  for (let i = 0; i < 10; i++) {
    const head = `2a0${rng.range(1, 9)}:${rng.hex(4).replace(/^0+/, '') || '0'}`;
    const country = PLACES[rng.int(PLACES.length)]![0];
    const places = PLACES.map((p, k) => [p, k] as const).filter(([p]) => p[0] === country).map(([, k]) => k);
    for (let j = 0; j < 4; j++) {
      const tail = `${rng.hex(4).replace(/^0+/, '') || '0'}:${rng.hex(4).replace(/^0+/, '') || '0'}`;
      nets.push({ prefix: `${head}:${tail}`, v6: true, block: `${head}::/32`, place: rng.pick(places) });
    }
  }
  return nets;
}

function hostIn(rng: Prng, net: SimNet): string {
  if (!net.v6) return `${net.prefix}.${rng.range(1, 254)}`;
  return `${net.prefix}:${rng.int(0x10000).toString(16)}:${rng.int(0x10000).toString(16)}:${rng.int(0x10000).toString(16)}:${rng.range(1, 0xffff).toString(16)}`;
}

/** Builds tenants, users and networks: cheap, deterministic, and shared by every batch. */
export function buildWorld(opts: SimOptions): SimWorld {
  const seed = opts.seed ?? 1;
  const days = opts.days ?? 180;
  const end = opts.end ?? DEFAULT_END;
  const nTenants = opts.tenants ?? 50;
  const rng = new Prng(seed, 0);
  const nets = buildNets(rng);
  const netsByPlace = new Map<number, SimNet[]>();
  for (const n of nets) netsByPlace.set(n.place, [...(netsByPlace.get(n.place) ?? []), n]);

  // Tenant sizes: a long tail, the biggest ~20x the smallest. Exact total by largest remainder.
  const shares = zipf(nTenants, 0.8, 3);
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (s / sum) * opts.total);
  const counts = exact.map(Math.floor);
  let left = opts.total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }

  const usedNames = new Set<string>();
  const tenants: SimTenant[] = [];
  for (let t = 0; t < nTenants; t++) {
    let company = `${rng.pick(COMPANY)} ${rng.pick(SUFFIX)}`;
    while (usedNames.has(company)) company = `${rng.pick(COMPANY)} ${rng.pick(SUFFIX)}`;
    usedNames.add(company);
    const domain = `${slug(company.split(' ').slice(0, -1).join(' '))}${t}.example.com`;
    const region = REGIONS[t % REGIONS.length]!;
    const tier = ['gold', 'silver', 'bronze'][rng.int(3)]!;
    const groups = [region.name, `tier-${tier}`, ...(rng.chance(0.2) ? ['watchlist'] : [])];
    const scale = (shares[t] ?? 0) / (shares[0] ?? 1);
    const nUsers = Math.min(300, Math.max(30, Math.round(30 + 270 * scale ** 1.2 + rng.range(-8, 8))));
    const officePlaces = region.places.filter((p) => netsByPlace.has(p));
    const homePlace = officePlaces.length ? rng.pick(officePlaces) : rng.pick([...netsByPlace.keys()]);
    const offices = [...(netsByPlace.get(homePlace) ?? [])].slice(0, 2);
    if (offices.length === 0) offices.push(rng.pick(nets));
    const emails = new Set<string>();
    const users: SimUser[] = [];
    for (let u = 0; u < nUsers; u++) {
      const first = rng.pick(FIRST);
      const last = rng.pick(LAST);
      let email = `${slug(first)}.${slug(last)}@${domain}`;
      for (let k = 2; emails.has(email); k++) email = `${slug(first)}.${slug(last)}${k}@${domain}`;
      emails.add(email);
      // Most people work from the region's networks; some are remote, a few abroad.
      const place = rng.chance(0.85) && officePlaces.length ? rng.pick(officePlaces) : rng.pick([...netsByPlace.keys()]);
      users.push({
        id: oktaId(rng, '00u'),
        name: `${first} ${last}`,
        email,
        role: null,
        net: rng.pick(netsByPlace.get(place) ?? nets),
        ua: rng.int(USER_AGENTS.length - 10),
      });
    }
    const nAdmins = Math.max(2, Math.round(nUsers * 0.04));
    const admins = users.slice(0, nAdmins);
    admins.forEach((a, i) => (a.role = i === 0 ? 'SUPER_ADMIN' : rng.pick(ROLES)));
    const clients = Array.from({ length: 6 }, () => ({ id: oktaId(rng, '0oa'), name: `${rng.pick(APPS)} ${rng.pick(['SCIM', 'OIDC', 'API client', 'Sync'])}` }));
    tenants.push({
      index: t,
      externalId: `${slug(company.split(' ')[0] ?? 'org')}${t}.okta.com`,
      name: company,
      domain,
      groups,
      utcOffsetH: rng.pick(region.offsets),
      eventCount: counts[t] ?? 0,
      users,
      admins,
      offices,
      clients,
    });
  }
  return { tenants, nets, start: end - days * DAY, end, days, seed };
}

// ---------------------------------------------------------------------------------------------
// Events

/** Relative activity by local hour: business hours, a lunch dip, quiet nights. */
const HOUR_WEIGHT = [
  0.04, 0.03, 0.03, 0.03, 0.04, 0.08, 0.2, 0.5, 0.95, 1, 1, 0.95, 0.75, 0.9, 1, 1, 0.9, 0.65, 0.4, 0.25, 0.2, 0.15, 0.1, 0.06,
];

const FAIL_SCALE = 0.55;
const ACTION_PICK = new Weighted(ACTIONS, zipf(ACTIONS.length, 1.05, 2));

/** Per-day weights for one tenant: weekdays, a slow growth, noise, a few incident bursts. */
function dayWeights(rng: Prng, world: SimWorld): number[] {
  const w: number[] = [];
  for (let d = 0; d < world.days; d++) {
    const weekday = new Date(world.start + d * DAY).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    w.push((weekend ? 0.3 : 1) * (0.8 + (0.4 * d) / world.days) * (0.85 + 0.3 * rng.next()));
  }
  for (let k = 0; k < 3; k++) {
    const d = rng.int(world.days);
    w[d] = (w[d] ?? 0) * (3 + 3 * rng.next());
  }
  return w;
}

const withSlug = (names: readonly string[], n: number) => names.map((x) => [x, slug(x).slice(0, n)] as const);
const APP_SLUGS = withSlug(APPS, 8);
const GROUP_SLUGS = withSlug(GROUPS, 10);
const POLICY_SLUGS = withSlug(POLICIES, 10);

function targetOf(rng: Prng, tenant: SimTenant, def: ActionDef, actor: SimUser | null): Record<string, string | null>[] {
  const user = (u: SimUser) => ({ id: u.id, type: 'User', alternateId: u.email, displayName: u.name });
  switch (def.target) {
    case 'none':
      return [];
    case 'self':
      return [user(actor ?? rng.pick(tenant.users))];
    case 'user':
      return [user(rng.pick(tenant.users))];
    case 'app': {
      const app = APP_SLUGS[rng.int(APPS.length) % (8 + (tenant.index % 20))] ?? APP_SLUGS[0]!;
      return [{ id: `0oa${app[1]}${tenant.index}`, type: 'AppInstance', alternateId: app[0], displayName: app[0] }];
    }
    case 'group': {
      const g = rng.pick(GROUP_SLUGS);
      return [
        { id: `00g${g[1]}${tenant.index}`, type: 'UserGroup', alternateId: 'unknown', displayName: g[0] },
        user(rng.pick(tenant.users)),
      ];
    }
    case 'policy': {
      const p = rng.pick(POLICY_SLUGS);
      return [{ id: `00p${p[1]}${tenant.index}`, type: 'PolicyEntity', alternateId: 'unknown', displayName: p[0] }];
    }
    case 'factor': {
      const [name, kind] = rng.pick(FACTORS);
      return [{ id: `pfd${rng.chars(6, B62)}`, type: 'AuthenticatorEnrollment', alternateId: kind, displayName: name }];
    }
    case 'token':
      return [{ id: `00T${rng.chars(6, B62)}`, type: 'Token', alternateId: 'unknown', displayName: rng.pick(['CI deploy', 'Terraform', 'SIEM export', 'Backup job']) }];
    case 'device':
      return [{ id: `guo${rng.chars(6, B62)}`, type: 'Device', alternateId: 'unknown', displayName: `${rng.pick(['MacBook-Pro', 'DESKTOP', 'iPhone', 'Pixel'])}-${rng.chars(4, B62.slice(0, 36)).toUpperCase()}` }];
    case 'zone':
      return [{ id: `nzo${rng.chars(6, B62)}`, type: 'NetworkZone', alternateId: 'unknown', displayName: rng.pick(['Corporate VPN', 'BlockedIpZone', 'Office Networks']) }];
  }
}

/** One tenant's events, oldest first, in byte-budgeted batches. */
export function* generateTenant(world: SimWorld, tenant: SimTenant, batchBytes = 4 * 1024 * 1024): Generator<SimBatch> {
  const rng = new Prng(world.seed, 1000 + tenant.index);
  const userPick = new Weighted(tenant.users, zipf(tenant.users.length, 0.9, 2));
  const adminPick = new Weighted(tenant.admins, zipf(tenant.admins.length, 1, 1));
  const hourPick = new Weighted(
    Array.from({ length: 24 }, (_, h) => h),
    Array.from({ length: 24 }, (_, h) => HOUR_WEIGHT[Math.floor((((h + tenant.utcOffsetH) % 24) + 24) % 24)] ?? 0.1),
  );
  const weights = dayWeights(rng, world);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const officeTx = `${rng.pick(['WEB', 'JOB'])}`;
  const sessionOf = new Map<string, string>();

  let batch: NormalizedEvent[] = [];
  let bytes = 0;
  let cum = 0;
  let emitted = 0;
  const times: number[] = [];
  for (let d = 0; d < world.days; d++) {
    cum += weights[d] ?? 0;
    const upTo = d === world.days - 1 ? tenant.eventCount : Math.round((tenant.eventCount * cum) / wsum);
    const n = upTo - emitted;
    emitted = upTo;
    const dayStart = world.start + d * DAY;
    times.length = 0;
    for (let i = 0; i < n; i++) times.push(dayStart + hourPick.pick(rng) * HOUR + rng.int(HOUR));
    times.sort((a, b) => a - b);

    for (const ts of times) {
      const def = ACTION_PICK.pick(rng);
      let actorObj: Record<string, unknown>;
      let actorUser: SimUser | null = null;
      let ip: string | null = null;
      let place: (typeof PLACES)[number] | null = null;
      let ua: (typeof USER_AGENTS)[number] | null = null;
      if (def.actor === 'user' || def.actor === 'admin') {
        actorUser = def.actor === 'admin' ? adminPick.pick(rng) : userPick.pick(rng);
        const r = rng.next();
        const net = r < 0.7 ? actorUser.net : r < 0.95 ? rng.pick(tenant.offices) : rng.pick(world.nets);
        ip = hostIn(rng, net);
        place = PLACES[net.place] ?? null;
        ua = USER_AGENTS[rng.chance(0.9) ? actorUser.ua : rng.int(USER_AGENTS.length)] ?? null;
        actorObj = { id: actorUser.id, type: 'User', alternateId: actorUser.email, displayName: actorUser.name };
      } else if (def.actor === 'app') {
        const client = rng.pick(tenant.clients);
        const net = world.nets[(tenant.index * 7 + client.id.length) % world.nets.length]!;
        ip = hostIn(rng, net);
        place = PLACES[net.place] ?? null;
        ua = USER_AGENTS[USER_AGENTS.length - 1 - rng.int(7)] ?? null;
        actorObj = { id: client.id, type: 'PublicClientApp', alternateId: client.id, displayName: client.name };
      } else {
        actorObj = { id: `0oa${tenant.index}system`, type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' };
      }

      // Always-failing types keep their rate; the others are scaled to ~5 % failures overall.
      const failed = rng.chance(def.fail < 1 ? def.fail * FAIL_SCALE : 1);
      const result = failed
        ? (def.action.startsWith('policy.') || def.action.startsWith('security.') ? 'DENY' : 'FAILURE')
        : def.action === 'policy.evaluate_sign_on' ? (rng.chance(0.15) ? 'CHALLENGE' : 'ALLOW') : rng.chance(0.01) ? 'SKIPPED' : 'SUCCESS';
      const outcome: Outcome = result === 'FAILURE' || result === 'DENY' ? 'failure' : result === 'SUCCESS' || result === 'ALLOW' ? 'success' : 'unknown';
      const severity = failed ? (def.action.startsWith('security.') ? 'ERROR' : 'WARN') : def.actor === 'system' && rng.chance(0.3) ? 'DEBUG' : 'INFO';
      const targets = targetOf(rng, tenant, def, actorUser);
      const target = targets[0] ?? null;

      const uuid = rng.uuid();
      const tsRaw = new Date(ts).toISOString();
      let session = actorUser ? sessionOf.get(actorUser.id) : undefined;
      if (actorUser && (session === undefined || def.action === 'user.session.start')) {
        session = `102${rng.chars(22, B62)}`;
        sessionOf.set(actorUser.id, session);
      }
      const txId = rng.chars(27, B62);
      const rawObj = {
        uuid,
        published: tsRaw,
        eventType: def.action,
        severity,
        ...(def.legacy ? { legacyEventType: def.legacy } : {}),
        displayMessage: def.message,
        actor: actorObj,
        client: ip
          ? {
              userAgent: ua ? { rawUserAgent: ua[0] } : null,
              ipAddress: ip,
              geographicalContext: place ? { city: place[1], country: place[0] } : null,
            }
          : null,
        outcome: { result, reason: failed ? rng.pick(FAIL_REASONS) : null },
        target: targets,
        ...(session ? { authenticationContext: { externalSessionId: session } } : {}),
        transaction: { type: def.actor === 'system' ? 'JOB' : officeTx === 'JOB' && rng.chance(0.1) ? 'JOB' : 'WEB', id: txId },
      };
      const raw = JSON.stringify(rawObj);
      const e: NormalizedEvent = {
        sourceId: uuid,
        ts,
        tsRaw,
        category: def.category,
        action: def.action,
        activity: def.activity,
        outcome,
        severity,
        actorType: actorObj.type as string,
        actorId: actorObj.id as string,
        actorName: actorObj.displayName as string,
        actorEmail: def.actor === 'app' ? null : (actorObj.alternateId as string),
        actorRole: actorUser?.role ?? null,
        targetType: target?.type ?? null,
        targetId: target?.id ?? null,
        targetName: target?.displayName ?? null,
        ip,
        userAgent: ua?.[0] ?? null,
        geoCountry: place?.[0] ?? null,
        geoCity: place?.[1] ?? null,
        message: def.message,
        raw,
      };
      batch.push(e);
      bytes += Buffer.byteLength(raw);
      if (bytes >= batchBytes) {
        yield { tenant, events: batch, rawBytes: bytes };
        batch = [];
        bytes = 0;
      }
    }
  }
  if (batch.length) yield { tenant, events: batch, rawBytes: bytes };
}

/** Every tenant's events, tenant by tenant (as an initial sync pulls them), in byte-budgeted batches. */
export function* generateEvents(opts: SimOptions, world: SimWorld = buildWorld(opts)): Generator<SimBatch> {
  for (const tenant of world.tenants) yield* generateTenant(world, tenant, opts.batchBytes);
}
