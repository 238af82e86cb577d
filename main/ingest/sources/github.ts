/**
 * GitHub organisation / enterprise audit log entries (REST `GET /orgs/{org}/audit-log`, audit log
 * streaming, or the UI's JSON export). Source id: `_document_id`. Time: `@timestamp` (epoch ms),
 * else `created_at`. GitHub records completed actions, so the outcome is success unless the action
 * itself names a failure (`user.failed_login`, `…_failure`). GitHub has no actor role field;
 * `actor_role` is read when present (the demo data fills it).
 */
import { normalizedEvent, type NormalizedEvent } from '../../domain/event.ts';
import { classifier, type ClassRule } from './classify.ts';
import { at, emailOrNull, excerpt, requireObject, text, textAt, type JsonObject } from './fields.ts';
import { parseEpochMs, parseIsoMs } from './time.ts';

/** GitHub action → category/activity; `operation_type` refines activity for unlisted actions. */
const RULES: readonly ClassRule[] = [
  ['org.sso_response', 'auth', 'login'],
  ['org.add_member', 'user', 'create'],
  ['org.invite_member', 'user', 'create'],
  ['org.cancel_invitation', 'user', 'delete'],
  ['org.remove_member', 'user', 'delete'],
  ['org.remove_outside_collaborator', 'user', 'delete'],
  ['org.update_member', 'access', 'update'],
  ['org.add_billing_manager', 'access', 'create'],
  ['org.remove_billing_manager', 'access', 'delete'],
  ['org.audit_log_export', 'audit', 'read'],
  ['org.oauth_app_access_approved', 'integration', 'create'],
  ['org.oauth_app_access_denied', 'integration', 'delete'],
  ['org.*', 'config', null],
  ['business.audit_log_export', 'audit', 'read'],
  ['business.*', 'config', null],
  ['audit_log_streaming.create', 'audit', 'create'],
  ['audit_log_streaming.update', 'audit', 'update'],
  ['audit_log_streaming.destroy', 'audit', 'delete'],
  ['audit_log_streaming.*', 'audit', 'other'],
  ['user.login', 'auth', 'login'],
  ['user.logout', 'auth', 'logout'],
  ['user.failed_login', 'auth', 'login'],
  ['user.two_factor_challenge_success', 'auth', 'login'],
  ['user.two_factor_challenge_failure', 'auth', 'login'],
  ['user.*', 'user', null],
  ['personal_access_token.*', 'access', null],
  ['org_credential_authorization.*', 'access', null],
  ['oauth_access.*', 'access', null],
  ['oauth_authorization.*', 'access', null],
  ['public_key.*', 'access', null],
  ['deploy_key.*', 'access', null],
  ['team.add_member', 'access', 'create'],
  ['team.remove_member', 'access', 'delete'],
  ['team.*', 'access', null],
  ['role.*', 'access', null],
  ['hook.*', 'integration', null],
  ['integration_installation.*', 'integration', null],
  ['integration.*', 'integration', null],
  ['oauth_application.*', 'app', null],
  ['secret_scanning*', 'security', null],
  ['repository_secret_scanning*', 'security', null],
  ['repository_vulnerability_alert*', 'security', null],
  ['dependabot*', 'security', null],
  ['code_scanning*', 'security', null],
  ['protected_branch.*', 'config', null],
  ['repository_ruleset.*', 'config', null],
  ['ip_allow_list*', 'config', null],
  ['git.push', 'infrastructure', 'update'],
  ['git.*', 'infrastructure', 'read'],
  // repo.access is a visibility change, not a read.
  ['repo.access', 'infrastructure', 'update'],
  ['repo.download_zip', 'infrastructure', 'read'],
  ['repo.*', 'infrastructure', null],
  ['workflows.*', 'infrastructure', null],
  ['environment.*', 'infrastructure', null],
];

const classify = classifier(RULES, (action) => ({
  category: 'other',
  activity: /(^|[._])(create|add)/.test(action) ? 'create' : 'other',
}));

const OPERATION_ACTIVITY: Record<string, 'create' | 'update' | 'delete' | 'read' | 'login'> = {
  create: 'create', modify: 'update', remove: 'delete', access: 'read', authentication: 'login',
  transfer: 'update', restore: 'update',
};

export function normalize(raw: string, obj: unknown): NormalizedEvent {
  const e = requireObject(obj, 'a GitHub audit log entry', raw);
  const id = text(e._document_id);
  if (id === null) throw new Error(`GitHub audit entry has no _document_id: ${excerpt(raw)}`);
  const when = e['@timestamp'] ?? e.created_at;
  const ts = parseEpochMs(when) ?? (typeof when === 'string' ? parseIsoMs(when) : null);
  if (ts === null) throw new Error(`GitHub audit entry ${id} has no readable @timestamp or created_at.`);
  const action = text(e.action);
  if (action === null) throw new Error(`GitHub audit entry ${id} has no action.`);

  const cls = classify(action);
  const operation = OPERATION_ACTIVITY[text(e.operation_type) ?? ''];
  // Pausing audit log streaming stops the trail leaving GitHub: treated like removing the stream.
  const streamOff = action === 'audit_log_streaming.update' && e.audit_log_stream_enabled === false;
  const activity = streamOff ? 'delete' : cls.activity === 'other' && operation !== undefined ? operation : cls.activity;
  const actor = text(e.actor);
  const target = targetOf(e);

  return normalizedEvent({
    sourceId: id,
    ts,
    tsRaw: String(when),
    category: cls.category,
    action,
    activity,
    outcome: /fail/.test(action) ? 'failure' : 'success',
    actorType: text(e.actor_type) ?? (e.actor_is_bot === true ? 'Bot' : actor === null ? null : 'User'),
    actorId: text(e.actor_id),
    actorName: actor,
    actorEmail: emailOrNull(text(e.external_identity_nameid)),
    actorRole: text(e.actor_role),
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    targetName: target?.name ?? null,
    ip: text(e.actor_ip),
    userAgent: text(e.user_agent),
    geoCountry: textAt(e, 'actor_location', 'country_code') ?? text(e.country_code),
    geoCity: textAt(e, 'actor_location', 'city'),
    message: summary(action, actor, target),
    raw,
  });
}

interface Target {
  type: string;
  id: string | null;
  name: string | null;
}

/** The most specific thing the entry acted on: a user, a team, a repository, a hook, the org. */
function targetOf(e: JsonObject): Target | null {
  const user = text(e.user);
  if (user !== null) return { type: 'user', id: text(e.user_id), name: user };
  const team = text(e.team);
  if (team !== null) return { type: 'team', id: text(e.team_id), name: team };
  const repo = text(e.repo) ?? text(e.repository);
  if (repo !== null) return { type: 'repository', id: text(e.repo_id) ?? text(e.repository_id), name: repo };
  const hook = text(e.hook_id);
  if (hook !== null) return { type: 'hook', id: hook, name: textAt(e, 'config', 'url') };
  const token = text(e.token_id);
  if (token !== null) return { type: 'token', id: token, name: text(e.token_name) ?? text(e.user_programmatic_access_name) };
  const org = text(e.org);
  if (org !== null) return { type: 'organization', id: text(e.org_id), name: org };
  return null;
}

function summary(action: string, actor: string | null, target: Target | null): string {
  const who = actor ?? 'unknown actor';
  return target === null || target.name === null ? `${who}: ${action}` : `${who}: ${action} ${target.name}`;
}

export function looksLike(obj: unknown): boolean {
  if (at(obj, '_document_id') !== undefined) return at(obj, 'action') !== undefined;
  return at(obj, 'action') !== undefined && at(obj, 'actor') !== undefined
    && (at(obj, '@timestamp') !== undefined || at(obj, 'created_at') !== undefined);
}
