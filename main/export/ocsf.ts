/**
 * OCSF export: each event as one OCSF 1.x event, one JSON object per line. The class comes from
 * the event's category and the activity from its activity (docs in README, "Exports"):
 *   auth  → Authentication (3002): login → Logon 1, logout → Logoff 2, else Other 99;
 *   user  → Account Change (3001): create → Create 1, delete → Delete 6, else Other 99;
 *   other → API Activity (6003): create 1, read 2, update 3, delete 4, else Other 99.
 * Authentication names the service signed in to (the target, else the tenant); status from the outcome; the raw text as `raw_data`; the source's id and time in `metadata`;
 * everything without an OCSF home under `unmapped.trailkeeper` (with id and rawSha256, which
 * verify uses). Validated against the OCSF schema source files in test/fixtures/ocsf.
 */
import type { ExportRow, FormatWriter } from './export-row.ts';

/** The OCSF version the mapping was checked against (test/fixtures/ocsf/version.json). */
export const OCSF_VERSION = '1.9.0-dev';

interface OcsfClass {
  categoryUid: number;
  categoryName: string;
  classUid: number;
  className: string;
  activities: Record<string, [number, string]>;
}

const OTHER: [number, string] = [99, 'Other'];

const AUTHENTICATION: OcsfClass = {
  categoryUid: 3, categoryName: 'Identity & Access Management', classUid: 3002, className: 'Authentication',
  activities: { login: [1, 'Logon'], logout: [2, 'Logoff'] },
};
const ACCOUNT_CHANGE: OcsfClass = {
  categoryUid: 3, categoryName: 'Identity & Access Management', classUid: 3001, className: 'Account Change',
  activities: { create: [1, 'Create'], delete: [6, 'Delete'] },
};
const API_ACTIVITY: OcsfClass = {
  categoryUid: 6, categoryName: 'Application Activity', classUid: 6003, className: 'API Activity',
  activities: { create: [1, 'Create'], read: [2, 'Read'], update: [3, 'Update'], delete: [4, 'Delete'] },
};

export function ocsfClassOf(row: Pick<ExportRow, 'category'>): OcsfClass {
  if (row.category === 'auth') return AUTHENTICATION;
  if (row.category === 'user') return ACCOUNT_CHANGE;
  return API_ACTIVITY;
}

const STATUS: Record<string, [number, string]> = { success: [1, 'Success'], failure: [2, 'Failure'], unknown: [0, 'Unknown'] };

/** Only the members that have a value: OCSF leaves absent what is unknown. */
function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** An OCSF user (an _entity: name or uid required), or null when nothing names one. */
function user(id: string | null, name: string | null, email: string | null, type: string | null): Record<string, unknown> | null {
  if (id === null && name === null && email === null) return null;
  return compact({ uid: id ?? undefined, name: name ?? email ?? id, email_addr: email, type });
}

export function ocsfEvent(row: ExportRow): Record<string, unknown> {
  const cls = ocsfClassOf(row);
  const [activityId, activityName] = cls.activities[row.activity] ?? OTHER;
  const [statusId, status] = STATUS[row.outcome] ?? [0, 'Unknown'];
  const actorUser = user(row.actorId, row.actorName, row.actorEmail, row.actorType);
  const targetUser = row.targetType?.toLowerCase() === 'user' ? user(row.targetId, row.targetName, null, null) : null;
  const unknownUser = { name: 'unknown' };
  const event: Record<string, unknown> = {
    activity_id: activityId,
    activity_name: activityName,
    category_uid: cls.categoryUid,
    category_name: cls.categoryName,
    class_uid: cls.classUid,
    class_name: cls.className,
    type_uid: cls.classUid * 100 + activityId,
    type_name: `${cls.className}: ${activityName}`,
    time: row.ts,
    severity_id: 1,
    severity: 'Informational',
    status_id: statusId,
    status,
    metadata: compact({
      version: OCSF_VERSION,
      product: { name: 'Trailkeeper', vendor_name: 'Trailkeeper' },
      original_event_uid: row.sourceId,
      original_time: row.tsRaw,
      log_name: row.tenantName,
    }),
    ...(row.message !== null ? { message: row.message } : {}),
    raw_data: row.raw,
  };
  if (cls === AUTHENTICATION) {
    event['user'] = actorUser ?? unknownUser;
    // The service signed in to: the target when the source names one, else the tenant.
    event['service'] = { name: row.targetName ?? row.targetId ?? row.tenantName };
    if (row.ip !== null) event['src_endpoint'] = { ip: row.ip };
  } else if (cls === ACCOUNT_CHANGE) {
    event['user'] = targetUser ?? (row.targetId !== null || row.targetName !== null ? user(row.targetId, row.targetName, null, null) : null) ?? actorUser ?? unknownUser;
    if (actorUser) event['actor'] = { user: actorUser };
    if (row.ip !== null) event['src_endpoint'] = { ip: row.ip };
  } else {
    event['actor'] = actorUser ? { user: actorUser } : {};
    event['api'] = { operation: row.action };
    // API Activity requires a source endpoint; without an address it is named as unknown.
    event['src_endpoint'] = row.ip !== null ? { ip: row.ip } : { name: 'unknown' };
  }
  event['unmapped'] = {
    trailkeeper: compact({
      id: row.id,
      tenantId: row.tenantId,
      tenant: row.tenantName,
      rawSha256: row.rawSha256,
      category: row.category,
      action: row.action,
      activity: row.activity,
      outcome: row.outcome,
      severity: row.severity,
      actorRole: row.actorRole,
      targetType: row.targetType,
      targetId: row.targetId,
      targetName: row.targetName,
      userAgent: row.userAgent,
      geoCountry: row.geoCountry,
      geoCity: row.geoCity,
    }),
  };
  return event;
}

export function ocsfWriter(): FormatWriter {
  return {
    extension: 'ocsf.ndjson',
    head: () => '',
    rows: (rows) => rows.map((r) => `${JSON.stringify(ocsfEvent(r))}\n`).join(''),
    tail: () => '',
  };
}
