/**
 * Microsoft Entra ID records as Microsoft Graph v1.0 returns them (and as the portal exports them
 * in JSON): directory audits (`/auditLogs/directoryAudits`: activityDateTime, activityDisplayName,
 * initiatedBy, targetResources) and sign-ins (`/auditLogs/signIns`: createdDateTime,
 * userPrincipalName, status.errorCode). Source id: Graph's `id` (a GUID, unique across both).
 * Graph writes 7 fractional digits; `tsRaw` keeps them, `ts` keeps milliseconds.
 */
import { normalizedEvent, type Category, type NormalizedEvent, type Outcome } from '../../domain/event.ts';
import { activityFromWords, wordsOf } from './classify.ts';
import { asObject, at, cleanIp, emailOrNull, excerpt, firstObject, requireObject, text, textAt, type JsonObject } from './fields.ts';
import { parseIsoMs } from './time.ts';

/** directoryAudit.category → our category. */
const CATEGORY: Record<string, Category> = {
  UserManagement: 'user',
  GroupManagement: 'access',
  RoleManagement: 'access',
  ApplicationManagement: 'app',
  Policy: 'config',
  DirectoryManagement: 'config',
  Device: 'infrastructure',
  DeviceManagement: 'infrastructure',
  Authentication: 'auth',
  UserAuthentication: 'auth',
  AuthenticationMethod: 'auth',
  IdentityProtection: 'security',
  ProvisioningManagement: 'integration',
  Synchronization: 'integration',
  EntitlementManagement: 'access',
  AccessReviews: 'compliance',
  AuditLog: 'audit',
};

const OPERATION_ACTIVITY: Record<string, 'create' | 'update' | 'delete'> = {
  Add: 'create', Assign: 'create', Update: 'update', Delete: 'delete', Unassign: 'delete', Remove: 'delete',
};

const RESULT: Record<string, Outcome> = { success: 'success', failure: 'failure', timeout: 'failure' };

export function normalize(raw: string, obj: unknown): NormalizedEvent {
  const e = requireObject(obj, 'a Microsoft Entra audit or sign-in record', raw);
  if (e.activityDateTime !== undefined) return directoryAudit(raw, e);
  if (e.createdDateTime !== undefined) return signIn(raw, e);
  throw new Error(`Entra record has neither activityDateTime (directory audit) nor createdDateTime (sign-in): ${excerpt(raw)}`);
}

function idAndTime(e: JsonObject, field: string, raw: string): { id: string; ts: number; tsRaw: string } {
  const id = text(e.id);
  if (id === null) throw new Error(`Entra record has no id: ${excerpt(raw)}`);
  const tsRaw = text(e[field]);
  if (tsRaw === null) throw new Error(`Entra record ${id} has no ${field}.`);
  const ts = parseIsoMs(tsRaw, { assumeUtc: true });
  if (ts === null) throw new Error(`Entra record ${id} has an unreadable ${field} "${tsRaw}".`);
  return { id, ts, tsRaw };
}

function directoryAudit(raw: string, e: JsonObject): NormalizedEvent {
  const { id, ts, tsRaw } = idAndTime(e, 'activityDateTime', raw);
  const action = text(e.activityDisplayName);
  if (action === null) throw new Error(`Entra directory audit ${id} has no activityDisplayName.`);
  const user = asObject(at(e, 'initiatedBy', 'user'));
  const app = asObject(at(e, 'initiatedBy', 'app'));
  const target = firstObject(e.targetResources);
  const upn = textAt(user, 'userPrincipalName');
  const reason = text(e.resultReason);
  const service = text(e.loggedByService);
  return normalizedEvent({
    sourceId: id,
    ts,
    tsRaw,
    category: CATEGORY[text(e.category) ?? ''] ?? 'other',
    action,
    activity: OPERATION_ACTIVITY[text(e.operationType) ?? ''] ?? activityFromWords(wordsOf(action)),
    outcome: RESULT[text(e.result) ?? ''] ?? 'unknown',
    actorType: user !== null && textAt(user, 'id') !== null ? 'User' : app !== null ? 'Application' : null,
    actorId: textAt(user, 'id') ?? textAt(app, 'servicePrincipalId') ?? textAt(app, 'appId'),
    actorName: textAt(user, 'displayName') ?? upn ?? textAt(app, 'displayName') ?? textAt(app, 'servicePrincipalName'),
    actorEmail: emailOrNull(upn),
    targetType: textAt(target, 'type'),
    targetId: textAt(target, 'id'),
    targetName: textAt(target, 'displayName') ?? textAt(target, 'userPrincipalName'),
    ip: cleanIp(textAt(user, 'ipAddress')),
    userAgent: keyValue(e.additionalDetails, 'User-Agent'),
    message: [service, action].filter((s) => s !== null).join(': ') + (reason !== null ? ` (${reason})` : ''),
    raw,
  });
}

function signIn(raw: string, e: JsonObject): NormalizedEvent {
  const { id, ts, tsRaw } = idAndTime(e, 'createdDateTime', raw);
  const errorCode = at(e, 'status', 'errorCode');
  const outcome: Outcome = typeof errorCode === 'number' ? (errorCode === 0 ? 'success' : 'failure') : 'unknown';
  const failure = textAt(e, 'status', 'failureReason');
  const appName = text(e.appDisplayName);
  const upn = text(e.userPrincipalName);
  const risk = text(e.riskLevelDuringSignIn);
  const interactive = e.isInteractive === false ? ' (non-interactive)' : '';
  const browser = textAt(e, 'deviceDetail', 'browser');
  const os = textAt(e, 'deviceDetail', 'operatingSystem');
  return normalizedEvent({
    sourceId: id,
    ts,
    tsRaw,
    category: 'auth',
    action: `Sign-in${interactive}`,
    activity: 'login',
    outcome,
    severity: risk !== null && risk !== 'none' && risk !== 'hidden' ? risk : null,
    actorType: 'User',
    actorId: text(e.userId),
    actorName: text(e.userDisplayName) ?? upn,
    actorEmail: emailOrNull(upn),
    targetType: appName === null ? null : 'Application',
    targetId: text(e.appId),
    targetName: appName,
    ip: cleanIp(text(e.ipAddress)),
    userAgent: text(e.userAgent) ?? ([browser, os].filter((s) => s !== null).join(' on ') || null),
    geoCountry: textAt(e, 'location', 'countryOrRegion'),
    geoCity: textAt(e, 'location', 'city'),
    message: `Sign-in to ${appName ?? 'an application'}${outcome === 'failure' && failure !== null ? `: ${failure}` : ''}`,
    raw,
  });
}

/** Graph's keyValue collections: [{ key, value }]. */
function keyValue(list: unknown, key: string): string | null {
  if (!Array.isArray(list)) return null;
  for (const kv of list) if (at(kv, 'key') === key) return text(at(kv, 'value'));
  return null;
}

/** True for a Graph directory audit or sign-in record. */
export function looksLike(obj: unknown): boolean {
  if (at(obj, 'id') === undefined) return false;
  if (at(obj, 'activityDateTime') !== undefined && at(obj, 'activityDisplayName') !== undefined) return true;
  return at(obj, 'createdDateTime') !== undefined && at(obj, 'userPrincipalName') !== undefined && at(obj, 'status') !== undefined;
}
