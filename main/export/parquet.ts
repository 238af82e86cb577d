/**
 * OCSF as Hive-partitioned Parquet (`tenant=<id>/date=<yyyy-mm-dd>/part-<n>.parquet`), the layout
 * Spark, Trino, Athena and DuckDB read directly. Each row is the OCSF event of ocsf.ts: scalar
 * attributes as typed columns (time as TIMESTAMP_MILLIS), objects (metadata, actor, user, api,
 * src_endpoint, service, unmapped) as JSON columns. Written with hyparquet-writer, one part file
 * per partition and at most PART_ROWS rows, so memory stays bounded: rows arrive in time order,
 * so a partition is flushed once its date has passed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ExportRow } from './export-row.ts';
import { ocsfEvent } from './ocsf.ts';
import { writeFailure } from './write-export.ts';

export const PART_ROWS = 50_000;

const INT_COLUMNS = ['activity_id', 'category_uid', 'class_uid', 'type_uid', 'severity_id', 'status_id'] as const;
const STRING_COLUMNS = ['activity_name', 'category_name', 'class_name', 'type_name', 'severity', 'status', 'message', 'raw_data'] as const;
const JSON_COLUMNS = ['metadata', 'actor', 'user', 'api', 'src_endpoint', 'service', 'unmapped'] as const;

export interface PartFile {
  /** Relative to the export's folder, with `/` separators. */
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
}

export function partitionOf(row: Pick<ExportRow, 'tenantId' | 'ts'>): string {
  return `tenant=${row.tenantId}/date=${new Date(row.ts).toISOString().slice(0, 10)}`;
}

function columns(events: Record<string, unknown>[]) {
  return [
    { name: 'time', data: events.map((e) => new Date(e['time'] as number)), type: 'TIMESTAMP' as const },
    ...INT_COLUMNS.map((name) => ({ name, data: events.map((e) => e[name] as number), type: 'INT32' as const })),
    ...STRING_COLUMNS.map((name) => ({ name, data: events.map((e) => (e[name] as string | undefined) ?? null), type: 'STRING' as const })),
    ...JSON_COLUMNS.map((name) => ({ name, data: events.map((e) => e[name] ?? null), type: 'JSON' as const })),
  ];
}

/** Collects rows per partition and writes part files under `folder`. */
export class ParquetPartitions {
  readonly files: PartFile[] = [];
  private readonly folder: string;
  private readonly pending = new Map<string, Record<string, unknown>[]>();
  private readonly partCount = new Map<string, number>();
  private currentDate = '';

  constructor(folder: string) {
    this.folder = folder;
  }

  add(rows: readonly ExportRow[]): void {
    for (const row of rows) {
      const key = partitionOf(row);
      const date = key.slice(key.indexOf('date='));
      // Rows come in time order: partitions of an earlier date are complete.
      if (date !== this.currentDate) {
        for (const k of [...this.pending.keys()]) if (!k.endsWith(date)) this.flush(k);
        this.currentDate = date;
      }
      let list = this.pending.get(key);
      if (!list) this.pending.set(key, (list = []));
      list.push(ocsfEvent(row));
      if (list.length >= PART_ROWS) this.flush(key);
    }
  }

  finish(): PartFile[] {
    for (const k of [...this.pending.keys()]) this.flush(k);
    return this.files;
  }

  private flush(key: string): void {
    const events = this.pending.get(key);
    this.pending.delete(key);
    if (!events || events.length === 0) return;
    const n = this.partCount.get(key) ?? 0;
    this.partCount.set(key, n + 1);
    const name = `${key}/part-${n}.parquet`;
    const path = join(this.folder, ...name.split('/'));
    const buf = Buffer.from(parquetWriteBuffer({ columnData: columns(events), createdBy: 'Trailkeeper' }));
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, buf, { mode: 0o600 });
    } catch (error) {
      throw writeFailure(this.folder, error);
    }
    this.files.push({ name, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length, rows: events.length });
  }
}
