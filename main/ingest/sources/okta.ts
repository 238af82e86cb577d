/**
 * Okta System Log events (GET /api/v1/logs, one LogEvent object each). Source id: `uuid`.
 * Okta has no actor role field; `actor.detailEntry.role` is read when present (the demo data
 * fills it; Okta documents detailEntry as free-form details about the actor).
 */
import { normalizedEvent, type NormalizedEvent, type Outcome } from '../../domain/event.ts';
import { classifier, type ClassRule } from './classify.ts';
import { asObject, at, emailOrNull, excerpt, firstObject, requireObject, text, textAt } from './fields.ts';
import { parseIsoMs } from './time.ts';

/** Okta eventType → category/activity (OCSF IAM classes: Authentication, Account Change, …). */
const RULES: readonly ClassRule[] = [
  ['user.session.start', 'auth', 'login'],
  ['user.session.end', 'auth', 'logout'],
  ['user.session.clear', 'auth', 'logout'],
  ['user.session.expire', 'auth', 'logout'],
  ['user.session.impersonation.*', 'security', null],
  ['user.session.*', 'auth', 'other'],
  ['user.authentication.*', 'auth', 'login'],
  ['user.mfa.okta_verify.deny_push', 'auth', 'login'],
  ['user.mfa.attempt_bypass', 'security', 'login'],
  ['user.mfa.factor.*', 'user', 'update'],
  ['user.mfa.*', 'auth', 'other'],
  ['system.push.*', 'auth', 'other'],
  ['system.sms.*', 'auth', 'other'],
  ['system.voice.*', 'auth', 'other'],
  ['user.lifecycle.create', 'user', 'create'],
  ['user.lifecycle.delete.*', 'user', 'delete'],
  ['user.lifecycle.*', 'user', 'update'],
  ['user.account.privilege.grant', 'access', 'create'],
  ['user.account.privilege.revoke', 'access', 'delete'],
  ['user.account.report_suspicious_activity_by_enduser', 'security', 'other'],
  ['user.account.*', 'user', 'update'],
  ['user.credential.*', 'user', 'update'],
  ['user.risk.*', 'security', 'other'],
  ['group.user_membership.add', 'access', 'create'],
  ['group.user_membership.remove', 'access', 'delete'],
  ['group.*', 'access', null],
  ['iam.*', 'access', null],
  ['app.oauth2.consent.*', 'access', null],
  ['app.oauth2.*', 'auth', 'other'],
  ['app.generic.unauth_app_access_attempt', 'security', 'other'],
  ['app.lifecycle.*', 'app', null],
  ['app.*', 'app', null],
  ['application.lifecycle.*', 'app', null],
  ['application.user_membership.add', 'access', 'create'],
  ['application.user_membership.remove', 'access', 'delete'],
  ['application.user_membership.*', 'access', 'update'],
  ['application.provision.*', 'integration', null],
  ['application.integration.*', 'integration', null],
  ['application.policy.sign_on.deny_access', 'auth', 'login'],
  ['application.*', 'app', null],
  ['policy.evaluate_sign_on', 'auth', 'other'],
  ['policy.*', 'config', null],
  ['zone.*', 'config', null],
  ['security.*', 'security', 'other'],
  ['system.api_token.create', 'access', 'create'],
  ['system.api_token.revoke', 'access', 'delete'],
  ['system.api_token.*', 'access', 'update'],
  ['system.log_stream.lifecycle.create', 'audit', 'create'],
  ['system.log_stream.lifecycle.activate', 'audit', 'update'],
  ['system.log_stream.lifecycle.update', 'audit', 'update'],
  // Turning a log stream off stops the audit trail leaving Okta: treated like removing it.
  ['system.log_stream.lifecycle.deactivate', 'audit', 'delete'],
  ['system.log_stream.lifecycle.delete', 'audit', 'delete'],
  ['system.log_stream.*', 'audit', 'other'],
  ['event_hook.*', 'integration', null],
  ['inline_hook.*', 'integration', null],
  ['system.idp.*', 'integration', null],
  ['system.agent.*', 'integration', null],
  ['system.import.*', 'integration', null],
  ['system.org.rate_limit.*', 'security', 'other'],
  ['system.operation.rate_limit.*', 'security', 'other'],
  ['system.*', 'config', null],
  ['analytics.reports.export.*', 'compliance', 'read'],
  ['device.*', 'infrastructure', null],
];

const classify = classifier(RULES, () => ({ category: 'other', activity: 'other' }));

const OUTCOMES: Record<string, Outcome> = { SUCCESS: 'success', ALLOW: 'success', FAILURE: 'failure', DENY: 'failure' };

export function normalize(raw: string, obj: unknown): NormalizedEvent {
  const e = requireObject(obj, 'an Okta System Log event', raw);
  const uuid = text(e.uuid);
  if (uuid === null) throw new Error(`Okta event has no uuid: ${excerpt(raw)}`);
  const published = text(e.published);
  if (published === null) throw new Error(`Okta event ${uuid} has no published time.`);
  const ts = parseIsoMs(published);
  if (ts === null) throw new Error(`Okta event ${uuid} has an unreadable published time "${published}".`);
  const eventType = text(e.eventType);
  if (eventType === null) throw new Error(`Okta event ${uuid} has no eventType.`);

  const { category, activity } = classify(eventType);
  const actor = asObject(e.actor);
  const target = firstObject(e.target);
  const alternateId = textAt(actor, 'alternateId');
  const reason = textAt(e, 'outcome', 'reason');
  const display = text(e.displayMessage);

  return normalizedEvent({
    sourceId: uuid,
    ts,
    tsRaw: published,
    category,
    action: eventType,
    activity,
    outcome: OUTCOMES[textAt(e, 'outcome', 'result') ?? ''] ?? 'unknown',
    severity: text(e.severity),
    actorType: textAt(actor, 'type'),
    actorId: textAt(actor, 'id'),
    actorName: textAt(actor, 'displayName') ?? alternateId,
    actorEmail: emailOrNull(alternateId),
    actorRole: textAt(actor, 'detailEntry', 'role'),
    targetType: textAt(target, 'type'),
    targetId: textAt(target, 'id'),
    targetName: textAt(target, 'displayName') ?? textAt(target, 'alternateId'),
    ip: textAt(e, 'client', 'ipAddress'),
    userAgent: textAt(e, 'client', 'userAgent', 'rawUserAgent'),
    geoCountry: textAt(e, 'client', 'geographicalContext', 'country'),
    geoCity: textAt(e, 'client', 'geographicalContext', 'city'),
    message: display !== null && reason !== null ? `${display} (${reason})` : display ?? reason,
    raw,
  });
}

/** True when the object carries Okta's identifying fields. */
export function looksLike(obj: unknown): boolean {
  return at(obj, 'uuid') !== undefined && at(obj, 'eventType') !== undefined && at(obj, 'published') !== undefined;
}
