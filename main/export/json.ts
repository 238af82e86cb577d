/**
 * JSON export: one array, one event object per line (the same objects as NDJSON), so a 1M-row
 * file is written page by page and still parses as a single JSON document.
 */
import { eventObject, type JsonExportOptions } from './ndjson.ts';
import type { FormatWriter } from './export-row.ts';

export function jsonWriter(opts: JsonExportOptions = {}): FormatWriter {
  return {
    extension: 'json',
    head: () => '[',
    rows: (rows, first) =>
      rows.map((r, i) => `${first && i === 0 ? '\n' : ',\n'}${JSON.stringify(eventObject(r, opts))}`).join(''),
    tail: () => '\n]\n',
  };
}
