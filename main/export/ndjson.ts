/**
 * NDJSON export: one JSON object per line (LF). `raw` is the event exactly as received, as a
 * JSON string, so every byte survives whatever the source sent (a syslog line, JSON with its own
 * spacing); `jq -r .raw` gives it back. With `fields`, the normalised fields sit beside it.
 */
import { EVENT_FIELD_KEYS } from '../../common/event-fields.ts';
import { isoUtc, type ExportRow, type FormatWriter } from './export-row.ts';

export interface JsonExportOptions {
  /** Put the normalised fields beside the raw text (default: raw only). */
  fields?: boolean;
}

/** One exported event as an object (NDJSON line, JSON array item). */
export function eventObject(row: ExportRow, opts: JsonExportOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    tenantId: row.tenantId,
    tenant: row.tenantName,
    ts: isoUtc(row.ts),
    rawSha256: row.rawSha256,
    raw: row.raw,
  };
  if (opts.fields) {
    const fields: Record<string, unknown> = {};
    for (const key of EVENT_FIELD_KEYS) fields[key] = key === 'ts' ? isoUtc(row.ts) : row[key];
    out['fields'] = fields;
  }
  return out;
}

export function ndjsonWriter(opts: JsonExportOptions = {}): FormatWriter {
  return {
    extension: 'ndjson',
    head: () => '',
    rows: (rows) => rows.map((r) => `${JSON.stringify(eventObject(r, opts))}\n`).join(''),
    tail: () => '',
  };
}
