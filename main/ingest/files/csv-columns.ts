/**
 * How the columns of a portal's CSV export become the source's JSON shape, so the same
 * normaliser reads CSV and JSON. Headers are matched case- and punctuation-insensitively.
 *
 * Recognised headers:
 * - Any header written as a JSON path ("actor.displayName", "target.0.id", "target[0].id") is
 *   placed at that path: Okta System Log and GitHub audit log CSV exports use the field names.
 * - A column holding the whole record as JSON is used as the record: `AuditData` (Microsoft
 *   Purview audit search export) and `CloudTrail event` / `CloudTrailEvent` (CloudTrail console).
 * - CloudTrail console "Event history" headers: Event ID, Event time, Event name, Event source,
 *   User name, Source IP address, AWS region, Error code, Error message, AWS access key,
 *   User agent, Resource type, Resource name, Request ID, Read only, Event type, Recipient account ID.
 * - Microsoft 365 audit search headers without AuditData: RecordId, CreationDate, RecordType,
 *   Operation(s), UserId(s), Workload, ClientIP, ResultStatus, ObjectId.
 * - Trailkeeper's own exports: the event fields in camelCase or snake_case, as they are.
 */
import { text } from '../sources/fields.ts';
import type { SourceKind } from '../sources/index.ts';

export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const CLOUDTRAIL_ALIASES: Record<string, string> = {
  eventid: 'eventID', eventtime: 'eventTime', eventname: 'eventName', eventsource: 'eventSource',
  username: 'userIdentity.userName', sourceipaddress: 'sourceIPAddress', awsregion: 'awsRegion',
  errorcode: 'errorCode', errormessage: 'errorMessage', awsaccesskey: 'userIdentity.accessKeyId',
  accesskeyid: 'userIdentity.accessKeyId', useragent: 'userAgent', resourcetype: 'resources.0.type',
  resourcename: 'resources.0.ARN', requestid: 'requestID', readonly: 'readOnly', eventtype: 'eventType',
  recipientaccountid: 'recipientAccountId',
};

const M365_ALIASES: Record<string, string> = {
  recordid: 'Id', id: 'Id', creationdate: 'CreationTime', creationtime: 'CreationTime', recordtype: 'RecordType',
  operation: 'Operation', operations: 'Operation', userid: 'UserId', userids: 'UserId', workload: 'Workload',
  clientip: 'ClientIP', resultstatus: 'ResultStatus', objectid: 'ObjectId',
};

const ALIASES: Partial<Record<SourceKind, Record<string, string>>> = {
  cloudtrail: CLOUDTRAIL_ALIASES,
  m365: M365_ALIASES,
};

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** Columns that hold the whole source record as JSON. */
const RECORD_COLUMNS = new Set(['auditdata', 'cloudtrailevent']);

/** Which source wrote a CSV export, judged by its header; null when unsure. */
export function guessCsvKind(headers: readonly string[]): Exclude<SourceKind, 'syslog'> | null {
  const keys = new Set(headers.map(headerKey));
  const has = (k: string): boolean => keys.has(k);
  if (has('sourceid') && (has('ts') || has('tsraw')) && has('action')) return 'generic';
  if (has('auditdata') || (has('creationdate') && (has('operations') || has('operation')))) return 'm365';
  if (has('uuid') && has('eventtype')) return 'okta';
  if (has('cloudtrailevent') || (has('eventid') && has('eventname'))) return 'cloudtrail';
  if (has('documentid') || (has('action') && has('actor') && (has('timestamp') || has('createdat')))) return 'github';
  return null;
}

/** A plan for turning one row into the source's JSON shape. */
export interface CsvMapping {
  headers: string[];
  recordColumn: number;
  paths: (string[] | null)[];
}

/** Header names made unique ("x", "x (2)") so the raw JSON object keeps every cell. */
function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

export function csvMapping(headers: readonly string[], kind: SourceKind): CsvMapping {
  const aliases = ALIASES[kind] ?? {};
  const unique = uniqueHeaders(headers.map((h) => h.trim()));
  const recordColumn = unique.findIndex((h) => RECORD_COLUMNS.has(headerKey(h)));
  const paths = unique.map((h) => {
    if (h.length === 0) return null;
    const alias = aliases[headerKey(h)];
    const path = alias ?? h;
    const parts = path.split(/\.|\[(\d+)\]/).filter((p): p is string => p !== undefined && p.length > 0);
    // A header must not reach an object's prototype through the path it names.
    return parts.some((p) => UNSAFE_KEYS.has(p)) ? null : parts;
  });
  return { headers: unique, recordColumn, paths };
}

/** The row as the raw record (JSON object of header → cell, every cell kept) and as source JSON. */
export function rowToRecord(mapping: CsvMapping, cells: readonly string[]): { raw: string; obj: unknown } {
  // fromEntries defines own properties, so even a "__proto__" header stays an ordinary key.
  const raw = JSON.stringify(Object.fromEntries(mapping.headers.map((h, i) => [h, cells[i] ?? ''])));
  if (mapping.recordColumn >= 0) {
    const cell = cells[mapping.recordColumn] ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(cell);
    } catch {
      throw new Error(`The ${mapping.headers[mapping.recordColumn]} column does not hold valid JSON.`);
    }
    return { raw, obj: parsed };
  }
  const obj: Record<string, unknown> = {};
  mapping.paths.forEach((path, i) => {
    const cell = text(cells[i]);
    // An empty cell means the field was absent; normalisers then see null, as for JSON.
    if (path !== null && cell !== null) setPath(obj, path, cell);
  });
  return { raw, obj };
}

function setPath(root: Record<string, unknown>, path: readonly string[], value: string): void {
  let cur: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    const last = i === path.length - 1;
    const slot = Array.isArray(cur) ? Number(key) : key;
    if (last) {
      (cur as Record<string | number, unknown>)[slot] = value;
      return;
    }
    const existing = (cur as Record<string | number, unknown>)[slot];
    if (typeof existing === 'object' && existing !== null) {
      cur = existing as Record<string, unknown> | unknown[];
    } else {
      const next: Record<string, unknown> | unknown[] = /^\d+$/.test(path[i + 1] as string) ? [] : {};
      (cur as Record<string | number, unknown>)[slot] = next;
      cur = next;
    }
  }
}
