/**
 * Identity-portal audit records, two shapes:
 * - the per-tenant REST shape (`GET {base}/t/{slug}/api/v1/audit-logs`): `timestamp`, `event_type`
 *   (`auth.login.failure`, `user.role.assigned`, `security.impossible_travel`, …), `actor` (an
 *   object with id/email/name/role, or a plain id), `target` (`user:bob-uuid`, or an object), `ip`,
 *   `user_agent`, `geolocation`, `details`, `result`;
 * - the MSP portal's own activity (configuration and administration: users, collectors and agents,
 *   integrations and gateways, reports and rules): `timestamp` (UTC), `action`, `object`,
 *   `performer` {name, email, role} and a `context` object.
 * Source id: `id`. Portals do not always send one: then the id is the sha256 of the raw record
 * (derived-id.ts), so a record read twice still deduplicates.
 */
import { normalizedEvent, type NormalizedEvent, type Outcome } from '../../domain/event.ts';
import { classifier, wordsOf, type ClassRule } from './classify.ts';
import { derivedSourceId } from './derived-id.ts';
import { asObject, at, cleanIp, emailOrNull, excerpt, requireObject, text, textAt, type JsonObject } from './fields.ts';
import { parseIsoMs } from './time.ts';

const RULES: readonly ClassRule[] = [
  ['auth.login.*', 'auth', 'login'],
  ['auth.logout', 'auth', 'logout'],
  ['auth.session.*', 'auth', null],
  ['auth.*', 'auth', 'other'],
  ['user.role.assigned', 'access', 'create'],
  ['user.role.*', 'access', null],
  ['user.permission.*', 'access', null],
  ['user.*', 'user', null],
  ['group.member.*', 'access', null],
  ['group.*', 'access', null],
  ['role.*', 'access', null],
  ['api_key.*', 'access', null],
  ['token.*', 'access', null],
  ['security.*', 'security', 'other'],
  ['alert.*', 'security', null],
  ['agent.deployed', 'infrastructure', 'create'],
  ['report.scheduled', 'compliance', 'create'],
  ['collector.*', 'infrastructure', null],
  ['agent.*', 'infrastructure', null],
  ['integration.*', 'integration', null],
  ['gateway.*', 'integration', null],
  ['report.*', 'compliance', null],
  ['rule.*', 'config', null],
  ['policy.*', 'config', null],
  ['settings.*', 'config', null],
  ['config.*', 'config', null],
  ['customer.*', 'config', null],
  ['audit.*', 'audit', null],
];

/** Portals name events in the past tense (`rule.disabled`, `report.exported`): try each word's stem too. */
const verbWords = (name: string): string[] => wordsOf(name).reverse().flatMap((w) => [w, w.replace(/d$/, ''), w.replace(/ed$/, '')]);

const classify = classifier(RULES, () => ({ category: 'other', activity: 'other' }), verbWords);

const RESULTS: Record<string, Outcome> = {
  success: 'success', succeeded: 'success', allowed: 'success', ok: 'success',
  failure: 'failure', failed: 'failure', denied: 'failure', error: 'failure', blocked: 'failure',
};

export function normalize(raw: string, obj: unknown): NormalizedEvent {
  const e = requireObject(obj, 'a portal audit record', raw);
  return e.performer !== undefined ? mspActivity(raw, e) : tenantEvent(raw, e);
}

function timeOf(e: JsonObject, id: string): { ts: number; tsRaw: string } {
  const tsRaw = text(e.timestamp);
  if (tsRaw === null) throw new Error(`Portal record ${id} has no timestamp.`);
  // The portals document their timestamps as UTC; a zone-less one is read as UTC, not local time.
  const ts = parseIsoMs(tsRaw, { assumeUtc: true });
  if (ts === null) throw new Error(`Portal record ${id} has an unreadable timestamp "${tsRaw}".`);
  return { ts, tsRaw };
}

function tenantEvent(raw: string, e: JsonObject): NormalizedEvent {
  const id = text(e.id) ?? derivedSourceId(raw);
  const action = text(e.event_type);
  if (action === null) throw new Error(`Portal record ${id} has no event_type: ${excerpt(raw)}`);
  const { ts, tsRaw } = timeOf(e, id);
  const cls = classify(action);
  const actorObj = asObject(e.actor);
  const actorId = actorObj === null ? text(e.actor) : textAt(actorObj, 'id');
  const target = targetOf(e.target);
  const result = text(e.result)?.toLowerCase() ?? null;
  const outcome = (result !== null ? RESULTS[result] : undefined) ?? (/\.(failure|failed|denied)$/.test(action) ? 'failure' : 'unknown');
  const detailsMessage = textAt(e, 'details', 'message') ?? textAt(e, 'details', 'reason');
  return normalizedEvent({
    sourceId: id,
    ts,
    tsRaw,
    category: cls.category,
    action,
    activity: cls.activity,
    outcome,
    severity: text(e.severity) ?? textAt(e, 'details', 'severity'),
    actorType: textAt(actorObj, 'type') ?? (actorId === null ? null : 'user'),
    actorId,
    actorName: textAt(actorObj, 'name') ?? textAt(actorObj, 'email') ?? actorId,
    actorEmail: emailOrNull(textAt(actorObj, 'email')),
    actorRole: textAt(actorObj, 'role'),
    targetType: target.type,
    targetId: target.id,
    targetName: target.name,
    ip: cleanIp(text(e.ip) ?? text(e.ip_address)),
    userAgent: text(e.user_agent),
    geoCountry: textAt(e, 'geolocation', 'country'),
    geoCity: textAt(e, 'geolocation', 'city'),
    message: detailsMessage ?? `${action}${target.name !== null ? ` ${target.name}` : target.id !== null ? ` ${target.id}` : ''}`,
    raw,
  });
}

function mspActivity(raw: string, e: JsonObject): NormalizedEvent {
  const id = text(e.id) ?? derivedSourceId(raw);
  const action = text(e.action);
  if (action === null) throw new Error(`MSP portal record ${id} has no action: ${excerpt(raw)}`);
  const { ts, tsRaw } = timeOf(e, id);
  const cls = classify(action);
  const performer = asObject(e.performer);
  const email = textAt(performer, 'email');
  const object = asObject(e.object);
  const objectName = textAt(object, 'name');
  const result = text(e.result)?.toLowerCase() ?? null;
  return normalizedEvent({
    sourceId: id,
    ts,
    tsRaw,
    category: cls.category,
    action,
    activity: cls.activity,
    outcome: (result !== null ? RESULTS[result] : undefined) ?? 'success',
    actorType: 'user',
    actorId: email,
    actorName: textAt(performer, 'name') ?? email,
    actorEmail: emailOrNull(email),
    actorRole: textAt(performer, 'role'),
    targetType: textAt(object, 'type'),
    targetId: textAt(object, 'id'),
    targetName: objectName,
    ip: cleanIp(textAt(e, 'context', 'ip')),
    userAgent: textAt(e, 'context', 'user_agent'),
    message: `${textAt(performer, 'name') ?? email ?? 'someone'}: ${action}${objectName !== null ? ` ${objectName}` : ''}`,
    raw,
  });
}

/** `user:bob-uuid`, a bare id, or { type, id, name }. */
function targetOf(value: unknown): { type: string | null; id: string | null; name: string | null } {
  const o = asObject(value);
  if (o !== null) return { type: text(o.type), id: text(o.id), name: text(o.name) ?? text(o.email) };
  const s = text(value);
  if (s === null) return { type: null, id: null, name: null };
  const colon = s.indexOf(':');
  return colon > 0 ? { type: s.slice(0, colon), id: s.slice(colon + 1), name: null } : { type: null, id: s, name: null };
}

/** True for either portal shape. */
export function looksLike(obj: unknown): boolean {
  if (at(obj, 'timestamp') === undefined) return false;
  if (at(obj, 'event_type') !== undefined) return true;
  return at(obj, 'performer') !== undefined && at(obj, 'action') !== undefined;
}
