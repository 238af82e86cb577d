/**
 * Sniffs an audit file's format and source from its name and first bytes (decompressed when
 * the file is gzip, recognised by its magic number rather than its name).
 */
import { basename } from 'node:path';
import Papa from 'papaparse';
import { asObject, excerpt } from '../sources/fields.ts';
import { guessSourceKind, type SourceKind } from '../sources/index.ts';
import { looksLike as looksLikeSyslog } from '../sources/syslog.ts';
import { guessCsvKind } from './csv-columns.ts';
import { isGzipFile, readHead } from './input.ts';
import { JsonArrayScanner } from './json-scan.ts';

export type FileFormat =
  | 'ndjson'
  | 'json-array'
  | 'cloudtrail-records'
  | 'csv'
  | 'syslog'
  | 'syslog-octet-counted'
  | 'empty';

export interface Detection {
  format: FileFormat;
  gzip: boolean;
  /** The source that wrote the records, or null when neither content nor name tell. */
  sourceKind: SourceKind | null;
}

export const HEAD_BYTES = 256 * 1024;

export async function detectFile(path: string): Promise<Detection> {
  const gzip = await isGzipFile(path);
  let head: Buffer;
  try {
    head = await readHead(path, gzip, HEAD_BYTES);
  } catch (err) {
    if (!gzip) throw err;
    throw new Error(`${basename(path)} looks gzip-compressed but cannot be decompressed (${(err as Error).message}).`, { cause: err });
  }
  return { gzip, ...sniff(basename(path), head, head.length < HEAD_BYTES) };
}

const UNKNOWN_HELP = 'Trailkeeper imports NDJSON, JSON arrays, CloudTrail {"Records": […]}, CSV exports and RFC 5424 '
  + 'syslog, plain or gzip-compressed.';

/**
 * The format and source of content starting with `head`. `complete` says the head is the whole
 * file. Throws a sentence naming the file when the format is not one Trailkeeper reads.
 */
export function sniff(name: string, head: Buffer, complete: boolean): { format: FileFormat; sourceKind: SourceKind | null } {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart();
  const plainName = name.toLowerCase().replace(/\.gz$/, '');
  if (start.length === 0) return { format: 'empty', sourceKind: null };

  if (looksLikeSyslog(start)) return { format: 'syslog', sourceKind: 'syslog' };
  if (/^\d{1,10} <\d{1,3}>[1-9]/.test(start)) return { format: 'syslog-octet-counted', sourceKind: 'syslog' };
  if (start.startsWith('[')) return { format: 'json-array', sourceKind: firstElementKind(start, 'array') ?? kindFromText(start) ?? kindFromName(plainName) };
  if (start.startsWith('{')) return sniffJsonObject(name, start, complete, plainName);
  if (!isText(head)) throw new Error(`${name} is not a text file Trailkeeper can read. ${UNKNOWN_HELP}`);

  const firstLine = start.slice(0, start.indexOf('\n') === -1 ? undefined : start.indexOf('\n'));
  const header = Papa.parse<string[]>(firstLine, { delimitersToGuess: [',', ';', '\t', '|'] }).data[0] ?? [];
  const csvKind = header.length >= 2 ? guessCsvKind(header) : null;
  if (plainName.endsWith('.csv') || plainName.endsWith('.tsv')) return { format: 'csv', sourceKind: csvKind ?? kindFromName(plainName) };
  if (csvKind !== null) return { format: 'csv', sourceKind: csvKind };
  throw new Error(`${name} is not a format Trailkeeper can import: it starts with "${excerpt(start, 60)}". ${UNKNOWN_HELP}`);
}

function sniffJsonObject(name: string, start: string, complete: boolean, plainName: string): { format: FileFormat; sourceKind: SourceKind | null } {
  if (/^\{\s*"Records"\s*:\s*\[/.test(start)) return { format: 'cloudtrail-records', sourceKind: 'cloudtrail' };
  // NDJSON: one of the first lines parses as an object on its own.
  const lines = start.split('\n');
  const whole = complete || lines.length > 1;
  for (const line of lines.slice(0, whole ? 5 : 0)) {
    if (line.trim().length === 0) continue;
    const obj = asObject(tryParse(line));
    if (obj === null) continue;
    if (Array.isArray(obj.Records)) return { format: 'ndjson', sourceKind: 'cloudtrail' };
    return { format: 'ndjson', sourceKind: guessSourceKind(obj) ?? kindFromName(plainName) };
  }
  if (/"Records"\s*:\s*\[/.test(start)) return { format: 'cloudtrail-records', sourceKind: 'cloudtrail' };
  if (!whole) {
    // One line longer than the head: a very long NDJSON record.
    return { format: 'ndjson', sourceKind: kindFromText(start) ?? kindFromName(plainName) };
  }
  throw new Error(
    `${name} looks like JSON but is neither one object per line (NDJSON), an array, nor CloudTrail {"Records": […]}. ${UNKNOWN_HELP}`,
  );
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstElementKind(text: string, mode: 'array'): SourceKind | null {
  try {
    const first = new JsonArrayScanner(mode).push(text)[0];
    return first === undefined ? null : guessSourceKind(tryParse(first.text));
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
  return null;
}

function kindFromName(name: string): SourceKind | null {
  if (name.includes('okta')) return 'okta';
  if (name.includes('github')) return 'github';
  if (name.includes('cloudtrail')) return 'cloudtrail';
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
