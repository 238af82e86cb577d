/**
 * RFC 5424 syslog messages. One message is one record; its raw text is the message exactly as
 * framed in the file (a multi-line message keeps its line breaks). RFC 5424 has no event id, so
 * the source id is the sha256 of the raw message: an identical repeated line is one event.
 */
import { createHash } from 'node:crypto';
import { normalizedEvent, type Category, type NormalizedEvent } from '../../domain/event.ts';
import { cleanIp, excerpt } from './fields.ts';
import { parseIsoMs } from './time.ts';

export interface SdElement {
  id: string;
  params: Record<string, string>;
}

export interface SyslogMessage {
  facility: number;
  severity: number;
  version: number;
  /** The TIMESTAMP field as written (up to 6 fractional digits), or null for NILVALUE. */
  timestamp: string | null;
  hostname: string | null;
  appName: string | null;
  procId: string | null;
  msgId: string | null;
  structuredData: SdElement[];
  /** MSG without the leading space(s) and byte-order mark, or null when absent. */
  message: string | null;
}

export const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

const HEADER = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) /;

/** Parses one RFC 5424 message; throws a sentence naming the fault and the message. */
export function parseSyslog(raw: string): SyslogMessage {
  // A message without MSG and SD may end right after the header; pad so the header regex matches.
  const m = HEADER.exec(raw.endsWith(' ') ? raw : `${raw} `);
  if (m === null) throw new Error(`Not an RFC 5424 syslog message (expected "<PRI>1 TIMESTAMP HOST APP PROCID MSGID"): ${excerpt(raw)}`);
  const [header, priText, versionText, timestamp, hostname, appName, procId, msgId] = m as unknown as string[];
  const pri = Number(priText);
  if (pri > 191) throw new Error(`Syslog PRI ${pri} is out of range (0–191): ${excerpt(raw)}`);
  const { elements, rest } = parseStructuredData(raw, (header ?? '').length);
  let message: string | null = rest.replace(/^ +/, '');
  if (message.startsWith('\uFEFF')) message = message.slice(1);
  return {
    facility: pri >> 3,
    severity: pri & 7,
    version: Number(versionText),
    timestamp: nil(timestamp),
    hostname: nil(hostname),
    appName: nil(appName),
    procId: nil(procId),
    msgId: nil(msgId),
    structuredData: elements,
    message: message.length === 0 ? null : message,
  };
}

function nil(value: string | undefined): string | null {
  return value === undefined || value === '-' ? null : value;
}

/** STRUCTURED-DATA from `start`: "-" or one or more [id name="value" …] with \" \\ \] escapes. */
function parseStructuredData(raw: string, start: number): { elements: SdElement[]; rest: string } {
  // Lenient: a message that ends right after MSGID has neither SD nor MSG.
  if (start >= raw.length) return { elements: [], rest: '' };
  if (raw[start] === '-' && (start + 1 >= raw.length || raw[start + 1] === ' ')) {
    return { elements: [], rest: raw.slice(start + 2) };
  }
  const elements: SdElement[] = [];
  let i = start;
  while (raw[i] === '[') {
    const idEnd = indexOfAny(raw, i + 1, ' ]');
    if (idEnd === -1) throw new Error(`Syslog structured data is not closed: ${excerpt(raw)}`);
    const element: SdElement = { id: raw.slice(i + 1, idEnd), params: {} };
    i = idEnd;
    while (raw[i] === ' ') {
      const eq = raw.indexOf('="', i + 1);
      if (eq === -1) throw new Error(`Syslog structured data parameter has no value: ${excerpt(raw)}`);
      const name = raw.slice(i + 1, eq);
      let value = '';
      let j = eq + 2;
      for (; j < raw.length && raw[j] !== '"'; j++) {
        const c = raw[j];
        const next = raw[j + 1];
        if (c === '\\' && (next === '"' || next === '\\' || next === ']')) {
          value += next;
          j++;
        } else value += c;
      }
      if (j >= raw.length) throw new Error(`Syslog structured data value is not closed: ${excerpt(raw)}`);
      element.params[name] = value;
      i = j + 1;
    }
    if (raw[i] !== ']') throw new Error(`Syslog structured data element "${element.id}" is malformed: ${excerpt(raw)}`);
    elements.push(element);
    i++;
  }
  if (elements.length === 0) throw new Error(`Syslog structured data must be "-" or start with "[": ${excerpt(raw)}`);
  if (i < raw.length && raw[i] !== ' ') throw new Error(`Syslog structured data is followed by "${raw[i]}" instead of a space: ${excerpt(raw)}`);
  return { elements, rest: raw.slice(i + 1) };
}

function indexOfAny(s: string, from: number, chars: string): number {
  for (let i = from; i < s.length; i++) if (chars.includes(s[i] ?? '')) return i;
  return -1;
}

/** Facility → category: only the security-related facilities say something about the event. */
const FACILITY_CATEGORY: Record<number, Category> = { 4: 'auth', 10: 'auth', 13: 'audit', 14: 'security' };

/** Structured-data parameter names that commonly carry the acting user or the client address. */
const USER_PARAMS = ['UserID', 'userId', 'user', 'username', 'userName', 'suser', 'duser', 'actor'];
const IP_PARAMS = ['UserHostAddress', 'src', 'srcip', 'src_ip', 'clientIP', 'client_ip', 'ip', 'ipAddress'];

export function normalize(raw: string, _obj?: unknown): NormalizedEvent {
  return normalizeParsed(raw, parseSyslog(raw));
}

export function normalizeParsed(raw: string, msg: SyslogMessage): NormalizedEvent {
  if (msg.timestamp === null) throw new Error(`Syslog message has no timestamp (NILVALUE): ${excerpt(raw)}`);
  const ts = parseIsoMs(msg.timestamp);
  if (ts === null) throw new Error(`Syslog message has an unreadable timestamp "${msg.timestamp}": ${excerpt(raw)}`);
  const user = firstParam(msg, USER_PARAMS);
  return normalizedEvent({
    sourceId: createHash('sha256').update(raw).digest('hex'),
    ts,
    tsRaw: msg.timestamp,
    category: FACILITY_CATEGORY[msg.facility] ?? 'other',
    action: msg.msgId ?? msg.appName ?? 'syslog',
    severity: SEVERITIES[msg.severity] ?? null,
    actorType: user !== null ? 'user' : msg.appName !== null ? 'process' : null,
    actorId: user !== null ? user : msg.procId,
    actorName: user ?? msg.appName,
    targetType: msg.hostname === null ? null : 'host',
    targetName: msg.hostname,
    ip: cleanIp(firstParam(msg, IP_PARAMS)),
    message: msg.message,
    raw,
  });
}

function firstParam(msg: SyslogMessage, names: readonly string[]): string | null {
  for (const el of msg.structuredData) {
    for (const n of names) {
      const v = el.params[n];
      if (v !== undefined && v.length > 0) return v;
    }
  }
  return null;
}

/** True when the text starts like an RFC 5424 message: "<PRI>VERSION ". */
export function looksLike(line: string): boolean {
  return /^<\d{1,3}>[1-9]\d? /.test(line);
}
