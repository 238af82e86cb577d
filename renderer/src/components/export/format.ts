/** Small display helpers for the export dialog and history. */
export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} bytes`;
}

export const FORMAT_LABELS: Record<string, string> = {
  csv: 'CSV (spreadsheet, formula cells neutralised)',
  ndjson: 'NDJSON (raw events, one per line)',
  json: 'JSON (raw events, one array)',
  syslog: 'Syslog (RFC 5424 lines)',
  ocsf: 'OCSF 1.x (one event per line)',
  'ocsf-parquet': 'OCSF as Parquet (Hive-partitioned folder)',
};
