/** The export formats and their writers: one name → one FormatWriter. */
import { EXPORT_FORMATS } from '../../common/contract.ts';
import type { EventFieldKey } from '../../common/event-fields.ts';
import { csvWriter } from './csv.ts';
import type { FormatWriter } from './export-row.ts';
import { jsonWriter } from './json.ts';
import { ndjsonWriter } from './ndjson.ts';
import { ocsfWriter } from './ocsf.ts';
import { syslogWriter } from './syslog5424.ts';

export { EXPORT_FORMATS };
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface WriterOptions {
  /** NDJSON and JSON: the normalised fields beside the raw text. */
  fields?: boolean;
  /** CSV: the normalised fields to write, and whether the raw JSON is a column. */
  columns?: readonly EventFieldKey[];
  raw?: boolean;
}

export function writerFor(format: ExportFormat, opts: WriterOptions = {}): FormatWriter {
  switch (format) {
    case 'csv': return csvWriter({ ...(opts.columns ? { columns: opts.columns } : {}), raw: opts.raw ?? false });
    case 'ndjson': return ndjsonWriter(opts);
    case 'json': return jsonWriter(opts);
    case 'syslog': return syslogWriter();
    case 'ocsf': return ocsfWriter();
    case 'ocsf-parquet': throw new Error('OCSF Parquet is a folder of part files: write it with ParquetPartitions (parquet.ts).');
  }
}

/** Whether the format's writer reads the raw text: CSV only when asked for it, syslog never (it carries the hash). */
export function readsRaw(format: ExportFormat, opts: WriterOptions = {}): boolean {
  return format === 'csv' ? opts.raw === true : format !== 'syslog';
}

/** What an export's recorded view keeps of a CSV's column choice, only when one was made. */
export function csvChoices(a: { format: string; columns?: readonly EventFieldKey[] | undefined; raw?: boolean }): { columns?: readonly EventFieldKey[]; raw?: true } {
  if (a.format !== 'csv') return {};
  return { ...(a.columns ? { columns: a.columns } : {}), ...(a.raw ? { raw: true as const } : {}) };
}

/** The file name's ending (a folder's, for Parquet's partitions). */
export function extensionFor(format: ExportFormat): string {
  return format === 'ocsf-parquet' ? 'ocsf-parquet' : writerFor(format).extension;
}
