/**
 * Microsoft 365 unified audit log records (Office 365 Management Activity API, or the `AuditData`
 * column of a Purview audit search export). Source id: `Id`. `CreationTime` carries no zone and
 * means UTC: it is parsed as UTC explicitly, never through `new Date()`, which would read it as
 * local time.
 */
import { normalizedEvent, type NormalizedEvent, type Outcome } from '../../domain/event.ts';
import { classifier, type ClassRule } from './classify.ts';
import { at, cleanIp, emailOrNull, excerpt, requireObject, text, type JsonObject } from './fields.ts';
import { parseIsoMs } from './time.ts';

/** Operation → category/activity. Exchange cmdlets (Verb-Noun) fall back by verb and noun. */
const RULES: readonly ClassRule[] = [
  ['UserLoggedIn', 'auth', 'login'],
  ['UserLoginFailed', 'auth', 'login'],
  ['UserLoggedOut', 'auth', 'logout'],
  ['MailboxLogin', 'auth', 'login'],
  ['Add user.', 'user', 'create'],
  ['Update user.', 'user', 'update'],
  ['Delete user.', 'user', 'delete'],
  ['Hard Delete user.', 'user', 'delete'],
  ['Restore user.', 'user', 'update'],
  ['Change user password.', 'user', 'update'],
  ['Reset user password.', 'user', 'update'],
  ['Set force change user password.', 'user', 'update'],
  ['Change user license.', 'user', 'update'],
  ['Disable account.', 'user', 'update'],
  ['Add member to role.', 'access', 'create'],
  ['Remove member from role.', 'access', 'delete'],
  ['Add member to group.', 'access', 'create'],
  ['Remove member from group.', 'access', 'delete'],
  ['Add app role assignment grant to user.', 'access', 'create'],
  ['Add delegated permission grant.', 'access', 'create'],
  ['Consent to application.', 'access', 'create'],
  ['Add service principal credentials.', 'access', 'create'],
  ['Remove service principal credentials.', 'access', 'delete'],
  ['Add service principal.', 'app', 'create'],
  ['Remove service principal.', 'app', 'delete'],
  ['Add application.', 'app', 'create'],
  ['Update application.', 'app', 'update'],
  ['Delete application.', 'app', 'delete'],
  ['Add policy.', 'config', 'create'],
  ['Update policy.', 'config', 'update'],
  ['Delete policy.', 'config', 'delete'],
  ['Set company information.', 'config', 'update'],
  ['Set-AdminAuditLogConfig', 'audit', 'update'],
  ['SearchExported', 'compliance', 'read'],
  ['SearchExportDownloaded', 'compliance', 'read'],
  ['AlertTriggered', 'security', 'other'],
  ['AlertEntityGenerated', 'security', 'other'],
];

const WORKLOAD_CATEGORY: Record<string, 'user' | 'config' | 'compliance' | 'app' | 'other'> = {
  AzureActiveDirectory: 'user',
  Exchange: 'config',
  SecurityComplianceCenter: 'compliance',
  MicrosoftTeams: 'app',
};

const classify = classifier(RULES, (operation) => {
  const words = operation.split(/[^A-Za-z]+/);
  const verb = words[0]?.toLowerCase() ?? '';
  const activity = ({
    new: 'create', add: 'create', install: 'create', enable: 'update', set: 'update', update: 'update',
    disable: 'update', remove: 'delete', delete: 'delete', get: 'read', search: 'read', export: 'read',
  } as const)[verb] ?? (/Accessed|Downloaded|Viewed|Previewed|Read$/.test(operation) ? 'read' : 'other');
  const noun = operation.toLowerCase();
  const category = /auditlog/.test(noun) ? 'audit'
    : /permission|rolegroupmember|roleassignment|roleentry/.test(noun) ? 'access'
      : /compliance|retention|dlp|eDiscovery/i.test(noun) ? 'compliance'
        : 'other';
  return { category, activity };
});

/** UserType enumeration of the Management Activity API schema. */
const USER_TYPES = ['Regular', 'Reserved', 'Admin', 'DcAdmin', 'System', 'Application', 'ServicePrincipal',
  'CustomPolicy', 'SystemPolicy'];

export function normalize(raw: string, obj: unknown): NormalizedEvent {
  const e = requireObject(obj, 'a Microsoft 365 audit record', raw);
  const id = text(e.Id);
  if (id === null) throw new Error(`Microsoft 365 record has no Id: ${excerpt(raw)}`);
  const created = text(e.CreationTime);
  if (created === null) throw new Error(`Microsoft 365 record ${id} has no CreationTime.`);
  const ts = parseIsoMs(created, { assumeUtc: true });
  if (ts === null) throw new Error(`Microsoft 365 record ${id} has an unreadable CreationTime "${created}".`);
  const operation = text(e.Operation);
  if (operation === null) throw new Error(`Microsoft 365 record ${id} has no Operation.`);

  const cls = classify(operation);
  const workload = text(e.Workload);
  // No rule names 'other', so 'other' here means "unlisted": the workload is the better guess.
  const category = cls.category === 'other' ? WORKLOAD_CATEGORY[workload ?? ''] ?? 'other' : cls.category;
  const userId = text(e.UserId);
  const userType = typeof e.UserType === 'number' ? USER_TYPES[e.UserType] ?? String(e.UserType) : text(e.UserType);
  const objectId = text(e.ObjectId);

  return normalizedEvent({
    sourceId: id,
    ts,
    tsRaw: created,
    category,
    action: operation,
    activity: cls.activity,
    outcome: operation === 'UserLoginFailed' ? 'failure' : outcomeOf(text(e.ResultStatus)),
    actorType: userType,
    actorId: text(e.UserKey) ?? userId,
    actorName: userId,
    actorEmail: emailOrNull(userId),
    // DcAdmin (3) is Microsoft's own datacenter or system account, not a tenant administrator.
    actorRole: userType === 'Admin' ? 'admin' : null,
    targetType: text(e.ItemType) ?? (objectId === null ? null : 'object'),
    targetId: objectId,
    targetName: text(e.SourceFileName) ?? objectId,
    ip: cleanIp(text(e.ClientIP) ?? text(e.ClientIPAddress) ?? text(e.ActorIpAddress)),
    userAgent: text(e.UserAgent) ?? extendedProperty(e, 'UserAgent'),
    message: workload === null ? operation : `${workload}: ${operation}`,
    raw,
  });
}

/** ResultStatus values seen in the wild: Success/Succeeded/True, Failed/Failure/False, PartiallySucceeded. */
function outcomeOf(status: string | null): Outcome {
  if (status === null) return 'unknown';
  const s = status.toLowerCase();
  if (s === 'success' || s === 'succeeded' || s === 'true') return 'success';
  if (s === 'failed' || s === 'failure' || s === 'false') return 'failure';
  return 'unknown';
}

/** Azure AD sign-in records put the user agent in ExtendedProperties: [{Name, Value}]. */
function extendedProperty(e: JsonObject, name: string): string | null {
  const props = e.ExtendedProperties;
  if (!Array.isArray(props)) return null;
  for (const p of props) if (at(p, 'Name') === name) return text(at(p, 'Value'));
  return null;
}

export function looksLike(obj: unknown): boolean {
  return at(obj, 'CreationTime') !== undefined && at(obj, 'Operation') !== undefined && at(obj, 'Id') !== undefined;
}
