/**
 * RFC 5424 syslog export: one message per line (LF), read back by any RFC 5424 receiver,
 * Trailkeeper's own included. Header: PRI (facility 13, log audit; severity warning for a
 * failure, else info), the event time in UTC with milliseconds, HOSTNAME `-`, APP-NAME
 * `trailkeeper`, PROCID `-`, MSGID the action when it is 1–32 printable ASCII characters, else
 * `-`. Structured data `[trailkeeper@32473 …]` (32473: the IANA example enterprise number)
 * carries id, tenant, actor, action, outcome, target and the rest that is set; MSG is the message.
 * Line breaks inside values and the message become spaces (the raw text is not carried: use
 * NDJSON for that; `rawSha256` ties each line to it), and receivers drop the message's leading spaces.
 */
import { isoUtc, type ExportRow, type FormatWriter } from './export-row.ts';

export const SD_ID = 'trailkeeper@32473';
const FACILITY_AUDIT = 13;
const SEVERITY = { warning: 4, info: 6 } as const;

/** SD-PARAM value escaping (RFC 5424 §6.3.3): `"`, `\` and `]` get a backslash. */
export function sdEscape(value: string): string {
  return oneLine(value).replace(/["\\\]]/g, (c) => `\\${c}`);
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** MSGID: 1–32 characters from ASCII 33–126, else NILVALUE. */
function msgId(action: string): string {
  return /^[\x21-\x7e]{1,32}$/.test(action) ? action : '-';
}

/** The structured-data parameters, in this order, when not null. */
export function sdParams(row: ExportRow): [string, string][] {
  const params: [string, string | null][] = [
    ['id', String(row.id)],
    ['tenant', row.tenantName],
    ['actor', row.actorEmail ?? row.actorName ?? row.actorId],
    ['actorId', row.actorId],
    ['actorName', row.actorName],
    ['action', row.action],
    ['outcome', row.outcome],
    ['category', row.category],
    ['activity', row.activity],
    ['target', row.targetName ?? row.targetId],
    ['targetType', row.targetType],
    ['targetId', row.targetId],
    ['ip', row.ip],
    ['sourceId', row.sourceId],
    ['rawSha256', row.rawSha256],
  ];
  return params.filter((p): p is [string, string] => p[1] !== null);
}

export function syslogLine(row: ExportRow): string {
  const pri = FACILITY_AUDIT * 8 + (row.outcome === 'failure' ? SEVERITY.warning : SEVERITY.info);
  const sd = `[${SD_ID}${sdParams(row).map(([k, v]) => ` ${k}="${sdEscape(v)}"`).join('')}]`;
  const msg = row.message === null || row.message === '' ? '' : ` ${oneLine(row.message)}`;
  return `<${pri}>1 ${isoUtc(row.ts)} - trailkeeper - ${msgId(row.action)} ${sd}${msg}\n`;
}

export function syslogWriter(): FormatWriter {
  return {
    extension: 'log',
    head: () => '',
    rows: (rows) => rows.map(syslogLine).join(''),
    tail: () => '',
  };
}
