/**
 * CSV export (RFC 4180 via papaparse: comma, double quotes, CRLF, UTF-8 without BOM). Times are
 * UTC ISO-8601 with `Z`. Formula neutralisation: a cell that begins with = + - @, a tab or a CR
 * would be run as a formula by spreadsheet programs, so it gets a leading apostrophe; a cell
 * that already begins with an apostrophe gets one more, so the rule reverses exactly: a reader
 * strips one leading apostrophe from any cell that has one (see README, "Exports").
 *
 * Columns: the event's id, tenant and time, the view's chosen fields (all normalised fields when
 * none are chosen), and the raw text's sha256, which ties each row to its evidence. The raw JSON
 * itself is a column only on request: a spreadsheet cell holds at most 32,767 characters, and
 * the raw text is two thirds of the bytes (NDJSON carries it exactly).
 */
import Papa from 'papaparse';
import { csvColumns, csvFields, type CsvOptions } from '../../common/csv-columns.ts';
import { isoUtc, type ExportRow, type FormatWriter } from './export-row.ts';

export { csvColumns, csvFields, type CsvOptions };

/** First characters a spreadsheet could run as a formula, and the apostrophe that marks a neutralised cell. */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);

/** The cell as written: an apostrophe in front when a spreadsheet could take it as a formula. */
export function neutralise(cell: string): string {
  return cell.length > 0 && TRIGGERS.has(cell[0]!) ? `'${cell}` : cell;
}

/** The reverse of neutralise, for readers of our CSV (and the round-trip tests). */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

const UNPARSE = { header: false, newline: '\r\n', escapeFormulae: false, quotes: false } as const;

export function csvWriter(opts: CsvOptions = {}): FormatWriter {
  const fields = csvFields(opts);
  const cells = (row: ExportRow): string[] => {
    const out = [String(row.id), String(row.tenantId), neutralise(row.tenantName)];
    for (const key of fields) {
      const value = row[key];
      out.push(key === 'ts' ? isoUtc(value as number) : value === null ? '' : neutralise(String(value)));
    }
    out.push(row.rawSha256);
    if (opts.raw) out.push(neutralise(row.raw));
    return out;
  };
  return {
    extension: 'csv',
    head: () => `${Papa.unparse([csvColumns(opts)], UNPARSE)}\r\n`,
    rows: (rows) => (rows.length ? `${Papa.unparse(rows.map(cells), UNPARSE)}\r\n` : ''),
    tail: () => '',
  };
}
