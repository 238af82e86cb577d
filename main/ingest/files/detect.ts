/**
 * Sniffs an audit file's format, encoding and source from its name and first bytes (decompressed
 * when the file is gzip, recognised by its magic number rather than its name; transcoded when it
 * is UTF-16). Leading blank lines are skipped, however many there are.
 */
import { basename } from 'node:path';
import Papa from 'papaparse';
import { asObject, excerpt } from '../sources/fields.ts';
import { guessSourceKind, type SourceKind } from '../sources/index.ts';
import { looksLike as looksLikeSyslog } from '../sources/syslog.ts';
import { guessCsvKind } from './csv-columns.ts';
import { sniffEncoding, type TextEncoding } from './encoding.ts';
import { isGzipFile, readHead, readRawHead } from './input.ts';
import { JsonArrayScanner, type ScanMode } from './json-scan.ts';
import { isLookupEvent } from './lookup-events.ts';

export type FileFormat =
  | 'ndjson'
  | 'json-array'
  /** An object holding the records in an array under `arrayKey`: {"Records": […]}, {"value": […]}. */
  | 'json-keyed'
  /** Top-level JSON objects, each a record: one pretty-printed event, or several one after another. */
  | 'json-documents'
  | 'csv'
  | 'syslog'
  | 'syslog-octet-counted'
  | 'empty';

export interface Detection {
  format: FileFormat;
  gzip: boolean;
  encoding: TextEncoding;
  /** For 'json-keyed': the key of the array that holds the records; null otherwise. */
  arrayKey: string | null;
  /** The source that wrote the records, or null when neither content nor name tell. */
  sourceKind: SourceKind | null;
}

type Sniffed = Pick<Detection, 'format' | 'sourceKind' | 'arrayKey'>;

export const HEAD_BYTES = 256 * 1024;

export async function detectFile(path: string): Promise<Detection> {
  const gzip = await isGzipFile(path);
  let encoding: TextEncoding;
  let head: { bytes: Buffer; complete: boolean };
  try {
    encoding = sniffEncoding(await readRawHead(path, gzip, 4096));
    head = await readHead(path, gzip, HEAD_BYTES, encoding);
  } catch (err) {
    if (!gzip) throw err;
    throw new Error(`${basename(path)} looks gzip-compressed but cannot be decompressed (${(err as Error).message}).`, { cause: err });
  }
  return { gzip, encoding, ...sniff(basename(path), head.bytes, head.complete) };
}

const UNKNOWN_HELP = 'Trailkeeper imports NDJSON, JSON arrays and single JSON objects, CloudTrail {"Records": […]} and '
  + 'lookup-events output, Microsoft Graph {"value": […]} pages, CSV exports and RFC 5424 syslog, plain or '
  + 'gzip-compressed, in UTF-8 or UTF-16.';

/**
 * Keys under which exports and API pages hold their records: CloudTrail files, `aws cloudtrail
 * lookup-events`, Microsoft Graph pages, the portal REST shape (`{"data": […], "meta": …}`).
 */
const WRAPPER_KEYS = new Set(['Records', 'Events', 'value', 'data', 'items', 'results', 'records', 'events', 'entries']);

/** The source a wrapper implies when its elements do not tell. */
const WRAPPER_KIND: Record<string, SourceKind> = { Records: 'cloudtrail', Events: 'cloudtrail' };

/**
 * The format and source of content starting with `head`. `complete` says the head is the whole
 * file. Throws a sentence naming the file when the format is not one Trailkeeper reads.
 */
export function sniff(name: string, head: Buffer, complete: boolean): Sniffed {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart();
  const plainName = name.toLowerCase().replace(/\.gz$/, '');
  const plain = (format: FileFormat, sourceKind: SourceKind | null): Sniffed => ({ format, sourceKind, arrayKey: null });
  if (start.length === 0) return plain('empty', null);

  if (looksLikeSyslog(start)) return plain('syslog', 'syslog');
  if (/^\d{1,10} <\d{1,3}>[1-9]/.test(start)) return plain('syslog-octet-counted', 'syslog');
  if (start.startsWith('[')) return plain('json-array', firstElementKind(start, 'array') ?? kindFromText(start) ?? kindFromName(plainName));
  if (start.startsWith('{')) return sniffJsonObject(start, complete, plainName);
  if (!isText(head)) throw new Error(`${name} is not a text file Trailkeeper can read. ${UNKNOWN_HELP}`);

  const firstLine = start.slice(0, start.indexOf('\n') === -1 ? undefined : start.indexOf('\n'));
  const header = Papa.parse<string[]>(firstLine, { delimitersToGuess: [',', ';', '\t', '|'] }).data[0] ?? [];
  const csvKind = header.length >= 2 ? guessCsvKind(header) : null;
  if (plainName.endsWith('.csv') || plainName.endsWith('.tsv')) return plain('csv', csvKind ?? kindFromName(plainName));
  if (csvKind !== null) return plain('csv', csvKind);
  throw new Error(`${name} is not a format Trailkeeper can import: it starts with "${excerpt(start, 60)}". ${UNKNOWN_HELP}`);
}

function keyed(key: string, start: string, plainName: string): Sniffed {
  const sourceKind = firstElementKind(start, { key }) ?? WRAPPER_KIND[key] ?? kindFromText(start) ?? kindFromName(plainName);
  return { format: 'json-keyed', arrayKey: key, sourceKind };
}

/** The wrapper key of an object that is not itself a record: its first array-valued key we know. */
function wrapperKey(obj: unknown): string | null {
  const o = asObject(obj);
  if (o === null || recordKind(o) !== null) return null;
  for (const [key, value] of Object.entries(o)) if (WRAPPER_KEYS.has(key) && Array.isArray(value)) return key;
  return null;
}

/** A key holding an array after only scalar members: `{"@odata.context": "…", "value": [`. */
const LEADING_ARRAY_KEY = /^\{\s*(?:"(?:[^"\\]|\\.)*"\s*:\s*(?:"(?:[^"\\]|\\.)*"|-?[\d.eE+-]+|true|false|null)\s*,\s*)*"([^"\\]+)"\s*:\s*\[/;

function sniffJsonObject(start: string, complete: boolean, plainName: string): Sniffed {
  // NDJSON: one of the first lines parses as an object on its own (a record, or a one-line page).
  const lines = start.split('\n');
  const whole = complete || lines.length > 1;
  for (const line of lines.slice(0, whole ? 5 : 0)) {
    if (line.trim().length === 0) continue;
    const obj = asObject(tryParse(line));
    if (obj === null) continue;
    if (Array.isArray(obj.Records)) return { format: 'ndjson', sourceKind: 'cloudtrail', arrayKey: null };
    const key = wrapperKey(obj);
    if (key !== null) return keyed(key, start, plainName);
    return { format: 'ndjson', sourceKind: recordKind(obj) ?? kindFromName(plainName), arrayKey: null };
  }
  // Objects spread over lines: one pretty-printed event, several, or a page wrapping the records.
  const first = firstDocument(start);
  if (first !== undefined) {
    const key = wrapperKey(first);
    if (key !== null) return keyed(key, start, plainName);
    return { format: 'json-documents', sourceKind: recordKind(first) ?? kindFromName(plainName), arrayKey: null };
  }
  // The first object is longer than the head: judge by how it starts.
  const leading = LEADING_ARRAY_KEY.exec(start)?.[1];
  if (leading !== undefined && WRAPPER_KEYS.has(leading)) return keyed(leading, start, plainName);
  if (/"Records"\s*:\s*\[/.test(start)) return keyed('Records', start, plainName);
  // One line longer than the head: a very long NDJSON record.
  if (!whole) return { format: 'ndjson', sourceKind: kindFromText(start) ?? kindFromName(plainName), arrayKey: null };
  return { format: 'json-documents', sourceKind: kindFromText(start) ?? kindFromName(plainName), arrayKey: null };
}

/** Which source wrote a record, including `aws cloudtrail lookup-events` entries. */
function recordKind(obj: unknown): SourceKind | null {
  return guessSourceKind(obj) ?? (isLookupEvent(obj) ? 'cloudtrail' : null);
}

function firstDocument(text: string): unknown {
  try {
    const first = new JsonArrayScanner('documents').push(text)[0];
    return first === undefined || first.problem !== undefined ? undefined : tryParse(first.text);
  } catch {
    return undefined;
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstElementKind(text: string, mode: ScanMode): SourceKind | null {
  try {
    const first = new JsonArrayScanner(mode).push(text)[0];
    return first === undefined || first.problem !== undefined ? null : recordKind(tryParse(first.text));
  } catch {
    return null;
  }
}

/** Key names that only one source uses, for a head too short to hold a whole record. */
function kindFromText(text: string): SourceKind | null {
  if (/"sourceId"|"source_id"/.test(text)) return 'generic';
  if (/"uuid"/.test(text) && /"eventType"/.test(text)) return 'okta';
  if (/"eventID"/.test(text) && /"eventName"/.test(text)) return 'cloudtrail';
  if (/"CreationTime"/.test(text) && /"Operation"/.test(text)) return 'm365';
  if (/"_document_id"/.test(text)) return 'github';
  if (/"CloudTrailEvent"/.test(text) && /"EventId"/.test(text)) return 'cloudtrail';
  if (/"activityDisplayName"/.test(text) || (/"createdDateTime"/.test(text) && /"userPrincipalName"/.test(text))) return 'entra';
  if (/"timestamp"/.test(text) && (/"event_type"/.test(text) || /"performer"/.test(text))) return 'portal';
  return null;
}

function kindFromName(name: string): SourceKind | null {
  if (name.includes('okta')) return 'okta';
  if (name.includes('github')) return 'github';
  if (name.includes('cloudtrail')) return 'cloudtrail';
  if (/entra|azuread|signin|directoryaudit/.test(name)) return 'entra';
  if (/m365|o365|office365|microsoft/.test(name)) return 'm365';
  return null;
}

/** No NUL and few control characters in the head: text, not a binary file. */
function isText(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= head.length / 100;
}
