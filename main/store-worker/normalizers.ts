/**
 * Names the normaliser that derived a batch's columns, and re-derives an event with it, so that
 * verify (in the store layer, which may not import the importers) can compare stored columns
 * with what the raw text gives. A name is `kind@version` ('okta@1'), or `kind+csv@version` for
 * CSV rows, whose raw text is the row as a header → cell object rather than the source's JSON.
 */
import { csvMapping, rowToRecord } from '../ingest/files/csv-columns.ts';
import { detectFile } from '../ingest/files/detect.ts';
import { NORMALIZER_VERSIONS, isSourceKind, normalizerFor, type SourceKind } from '../ingest/sources/index.ts';
import { EVENT_FIELD_KEYS } from '../../common/event-fields.ts';
import type { NormalizedEvent } from '../domain/event.ts';

export function normalizerName(kind: SourceKind, csv: boolean): string {
  return `${kind}${csv ? '+csv' : ''}@${NORMALIZER_VERSIONS[kind]}`;
}

const NAME = /^([a-z0-9]+)(\+csv)?@(\d+)$/;

/**
 * The event as the named normaliser derives it from `raw`; null when this build has no
 * normaliser of that name at that version (then only the raw text can be checked).
 */
export function rederive(name: string, raw: string): NormalizedEvent | null {
  const m = NAME.exec(name);
  const kind = m?.[1];
  if (!m || kind === undefined || !isSourceKind(kind) || NORMALIZER_VERSIONS[kind] !== Number(m[3])) return null;
  const normalize = normalizerFor(kind);
  if (kind === 'syslog') return normalize(raw, undefined);
  const obj = JSON.parse(raw) as Record<string, string>;
  if (m[2] === undefined) return normalize(raw, obj);
  // The row's cells keep their header names as keys; the column mapping is rebuilt from them.
  const headers = Object.keys(obj);
  return normalize(raw, rowToRecord(csvMapping(headers, kind), headers.map((h) => obj[h] ?? '')).obj);
}

/**
 * The normaliser an import of `path` uses, decided as the file reader decides it: syslog by its
 * format, a Trailkeeper export as generic, else the requested kind or the detected one.
 */
export async function fileNormalizerName(path: string, requested: SourceKind | undefined): Promise<string> {
  const detected = await detectFile(path);
  if (detected.format === 'syslog' || detected.format === 'syslog-octet-counted') return normalizerName('syslog', false);
  const kind = detected.sourceKind === 'generic' ? 'generic' : (requested ?? detected.sourceKind ?? 'generic');
  return normalizerName(kind, detected.format === 'csv');
}

/**
 * Whether `name` re-derives `event` exactly: a batch records its normaliser only when its first
 * event proves the name right, so a reader change that drifts from fileNormalizerName leaves
 * the batch unnamed (raw-only) instead of making verify report forgeries that are not there.
 */
export function rederivesExactly(name: string, event: NormalizedEvent): boolean {
  let again: NormalizedEvent | null;
  try {
    again = rederive(name, event.raw);
  } catch {
    return false;
  }
  return again !== null && EVENT_FIELD_KEYS.every((key) => again[key] === event[key]);
}
