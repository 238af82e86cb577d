/**
 * CSV export (RFC 4180 via papaparse: comma, double quotes, CRLF, UTF-8 without BOM). Times are
 * UTC ISO-8601 with `Z`. Formula neutralisation: a cell that begins with = + - @, a tab or a CR
 * would be run as a formula by spreadsheet programs, so it gets a leading apostrophe; a cell
 * that already begins with an apostrophe gets one more, so the rule reverses exactly: a reader
 * strips one leading apostrophe from any cell that has one (see README, "Exports").
 */
import Papa from 'papaparse';
import { EVENT_FIELD_KEYS, EVENT_FIELDS } from '../../common/event-fields.ts';
import { isoUtc, type ExportRow, type FormatWriter } from './export-row.ts';

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);

/** The cell as written: an apostrophe in front when a spreadsheet could take it as a formula. */
export function neutralise(cell: string): string {
  return cell.length > 0 && TRIGGERS.has(cell[0]!) ? `'${cell}` : cell;
}

/** The reverse of neutralise, for readers of our CSV (and the round-trip tests). */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** The header: ids, the tenant, every normalised field by its column name, the raw hash and text. */
export const CSV_COLUMNS = [
  'id', 'tenant_id', 'tenant',
  ...EVENT_FIELD_KEYS.map((key) => EVENT_FIELDS[key].column),
  'raw_sha256', 'raw',
] as const;

function cells(row: ExportRow): string[] {
  const out = [String(row.id), String(row.tenantId), row.tenantName];
  for (const key of EVENT_FIELD_KEYS) {
    const value = row[key];
    out.push(key === 'ts' ? isoUtc(value as number) : value === null ? '' : String(value));
  }
  out.push(row.rawSha256, row.raw);
  return out.map(neutralise);
}

const UNPARSE = { header: false, newline: '\r\n', escapeFormulae: false, quotes: false } as const;

export function csvWriter(): FormatWriter {
  return {
    extension: 'csv',
    head: () => `${Papa.unparse([CSV_COLUMNS as unknown as string[]], UNPARSE)}\r\n`,
    rows: (rows) => (rows.length ? `${Papa.unparse(rows.map(cells), UNPARSE)}\r\n` : ''),
    tail: () => '',
  };
}
