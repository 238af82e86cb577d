/**
 * The CSV export's columns (main/export/csv.ts writes them; the export dialog shows them before
 * it starts): the event's id and tenant, the time, the chosen normalised fields in order (all of
 * them when none are chosen), the raw text's sha256, and the raw JSON only on request.
 */
import { EVENT_FIELD_KEYS, EVENT_FIELDS, type EventFieldKey } from './event-fields.ts';

export interface CsvOptions {
  /** The normalised fields to write, in order (default: all of them). */
  columns?: readonly EventFieldKey[];
  /** Add the raw JSON as the last column. */
  raw?: boolean;
}

/** The fields a CSV carries: the time first, then the chosen ones without repeating it. */
export function csvFields(opts: CsvOptions = {}): EventFieldKey[] {
  const chosen = opts.columns && opts.columns.length > 0 ? opts.columns : EVENT_FIELD_KEYS;
  return ['ts', ...chosen.filter((k) => k !== 'ts')];
}

/** The header row: ids and tenant, the fields by their column names, the raw hash, and the raw text when asked. */
export function csvColumns(opts: CsvOptions = {}): string[] {
  return ['id', 'tenant_id', 'tenant', ...csvFields(opts).map((key) => EVENT_FIELDS[key].column), 'raw_sha256', ...(opts.raw ? ['raw'] : [])];
}
