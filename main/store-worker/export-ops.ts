/**
 * Export ops. Reads (in a reader worker, off the main thread): stream the view by keyset over
 * (ts, id) into a file inside one read transaction, so the rows and the tenants' chain heads in
 * the manifest are one snapshot; verify an export. Writes (writer worker): the export history.
 */
import { basename } from 'node:path';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import type { ReadDb, WriteDb } from '../store/open.ts';
import { ROW_SELECT, type SqlValue } from '../store/event-columns.ts';
import { viewSql, type View } from '../store/view-sql.ts';
import { cancelPointSql, CANCEL_POINT_FUNCTION } from '../query/cancel-point.ts';
import type { ExportRow } from '../export/export-row.ts';
import type { EventFieldKey } from '../../common/event-fields.ts';
import { csvChoices, readsRaw, writerFor, type ExportFormat } from '../export/formats.ts';
import { buildManifest, canonicalJson, manifestPathFor, type ManifestFile, type ManifestTenant } from '../export/manifest.ts';
import { ParquetPartitions } from '../export/parquet.ts';
import { partialPath, writeExport, writeSmallFile, type ExportProgress, type WrittenFile } from '../export/write-export.ts';
import { verifyExport, type VerifyReport } from '../export/verify-manifest.ts';

/** What an op is handed beside its args (run-worker.ts's OpContext, named here without importing the writer's ops). */
export interface OpContext {
  report(progress: unknown): void;
}

/**
 * Rows per page: a cancel between pages answers within milliseconds, and a page's garbage dies
 * young (measured over 200,000 NDJSON rows: 1,000-row pages peaked at 347 MiB RSS, 250-row pages
 * at 255 MiB, with less CPU; 100 rows gained nothing more).
 */
export const EXPORT_PAGE_ROWS = 250;


export interface ExportRequest {
  view: View;
  order: 'newest' | 'oldest';
  format: ExportFormat;
  fields?: boolean;
  /** CSV: the normalised fields to write (default all), and whether the raw JSON is a column. */
  columns?: readonly EventFieldKey[];
  raw?: boolean;
  /** Only the events behind rule run N's findings ("Export the findings' events"). */
  findingsRunId?: number;
  /** Only these events of the view (rows marked in the table). */
  eventIds?: readonly number[];
  path: string;
  appVersion: string;
}

export interface ExportResult extends ExportProgress {
  sha256: string;
  manifestPath: string;
}

export interface ExportHistoryRow {
  id: number;
  format: string;
  view: string;
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  rows: number;
  bytes: number;
  sha256: string | null;
  path: string;
  manifestPath: string | null;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

/**
 * The view's rows in order (narrowed to a rule run's findings' events or marked rows), a page at
 * a time, checking for cancel before each page. `withRaw: false` reads `event_rows` alone (raw is
 * '' in each row): a format that never writes the raw text skips 60 % of the bytes (migration 9).
 */
function* viewPages(
  db: ReadDb,
  view: View,
  order: 'newest' | 'oldest',
  only: { findingsRunId?: number | undefined; eventIds?: readonly number[] | undefined } = {},
  withRaw = true,
): Generator<ExportRow[]> {
  const v = viewSql(view, { ordered: true });
  let where = v.where;
  const params: SqlValue[] = [...v.params];
  if (only.findingsRunId !== undefined) {
    where += ' AND e.id IN (SELECT j.value FROM findings f, json_each(f.event_ids) j WHERE f.run_id = ?)';
    params.push(only.findingsRunId);
  }
  if (only.eventIds !== undefined) {
    where += ' AND e.id IN (SELECT value FROM json_each(?))';
    params.push(JSON.stringify(only.eventIds));
  }
  const dir = order === 'newest' ? 'DESC' : 'ASC';
  const cmp = order === 'newest' ? '<' : '>';
  const sql = (keyset: boolean) =>
    `SELECT ${ROW_SELECT}, ${withRaw ? 'e.raw' : "''"} AS raw, e.raw_sha256 AS rawSha256 FROM ${withRaw ? 'events' : 'event_rows'} e CROSS JOIN tenants t ON t.id = e.tenant_id
     WHERE ${where}${keyset ? ` AND (e.ts, e.id) ${cmp} (?, ?)` : ''} ORDER BY e.ts ${dir}, e.id ${dir} LIMIT ${EXPORT_PAGE_ROWS}`;
  const firstPage = db.prepare(sql(false));
  const nextPage = db.prepare(sql(true));
  const cancelCheck = cancelPointSql() ? db.prepare(`SELECT ${CANCEL_POINT_FUNCTION}() AS ok`) : null;
  let after: { ts: number; id: number } | null = null;
  for (;;) {
    cancelCheck?.get();
    const keyParams: SqlValue[] = after ? [after.ts, after.id] : [];
    const rows = (after ? nextPage : firstPage).all(...params, ...keyParams) as ExportRow[];
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_PAGE_ROWS) return;
    const last = rows.at(-1)!;
    after = { ts: last.ts, id: last.id };
  }
}

/** OCSF Parquet: part files under `<path>.partial/`, renamed to `<path>` when complete (none left on failure). */
function writeParquetFolder(path: string, pages: Iterable<ExportRow[]>, report: (p: ExportProgress) => void): ManifestFile[] {
  const partial = partialPath(path);
  rmSync(partial, { recursive: true, force: true });
  let done = false;
  try {
    mkdirSync(partial, { recursive: true, mode: 0o700 });
    const parts = new ParquetPartitions(partial);
    let rows = 0;
    for (const page of pages) {
      parts.add(page);
      rows += page.length;
      report({ rows, bytes: parts.files.reduce((n, f) => n + f.bytes, 0) });
    }
    const files = parts.finish();
    renameSync(partial, path);
    done = true;
    return files;
  } finally {
    if (!done) rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * Runs an export with an 8 MiB page cache instead of the reader's 64 MiB: a scan in time order
 * revisits only the current page of each tenant's run of rows, so a small cache serves it as well,
 * and the export's memory stays flat and small whatever the workspace's size (docs/design.md §7).
 */
function withSmallCache<T>(db: ReadDb, run: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -8192');
  try {
    return run();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}

/** Every tenant the view's scope covers, with its chain head now. */
function tenantsInScope(db: ReadDb, view: View): ManifestTenant[] {
  const all = db
    .prepare('SELECT id, name, chain_head AS chainHead, event_count AS eventCount, groups FROM tenants ORDER BY id')
    .all() as (ManifestTenant & { groups: string })[];
  const scope = view.scope;
  const keep = all.filter((t) =>
    scope.kind === 'all' ? true : scope.kind === 'tenants' ? scope.tenantIds.includes(t.id) : (JSON.parse(t.groups) as string[]).includes(scope.group),
  );
  return keep.map(({ id, name, chainHead, eventCount }) => ({ id, name, chainHead, eventCount }));
}

export function exportReadOps(db: ReadDb) {
  return {
    exportView: (a: ExportRequest, ctx: OpContext): ExportResult =>
      withSmallCache(db, () => db
        .transaction((): ExportResult => {
          const tenants = tenantsInScope(db, a.view);
          let files: ManifestFile[];
          let written: WrittenFile;
          if (a.format === 'ocsf-parquet') {
            // Names relative to the manifest, which sits beside the folder.
            files = writeParquetFolder(a.path, viewPages(db, a.view, a.order, a), (p) => ctx.report(p)).map((f) => ({ ...f, name: `${basename(a.path)}/${f.name}` }));
          } else {
            const opts = { fields: a.fields ?? false, ...(a.columns ? { columns: a.columns } : {}), raw: a.raw ?? false };
            written = writeExport({
              path: a.path,
              writer: writerFor(a.format, opts),
              pages: viewPages(db, a.view, a.order, a, readsRaw(a.format, opts)),
              onProgress: (p) => ctx.report(p),
            });
            files = [{ name: basename(a.path), sha256: written.sha256, bytes: written.bytes, rows: written.rows }];
          }
          const rows = files.reduce((n, f) => n + f.rows, 0);
          const manifestPath = manifestPathFor(a.path);
          const manifest = buildManifest({
            appVersion: a.appVersion,
            createdAt: new Date().toISOString(),
            exportFormat: a.format,
            view: { ...a.view, order: a.order, ...(a.fields ? { fields: true } : {}), ...csvChoices(a), ...(a.findingsRunId !== undefined ? { findingsRunId: a.findingsRunId } : {}), ...(a.eventIds ? { eventIds: a.eventIds } : {}) },
            rows,
            tenants,
            files,
          });
          try {
            writeSmallFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
          } catch (error) {
            rmSync(a.path, { force: true, recursive: true });
            throw error;
          }
          // A folder of part files has no one sha256: the record carries the manifest's.
          written ??= { rows, bytes: files.reduce((n, f) => n + f.bytes, 0), sha256: manifest.manifestSha256 };
          return { ...written, manifestPath };
        })
        .deferred()),
    /** Verifies an export's manifest and files; with `checkWorkspace`, its events against this workspace. */
    verifyExport: (a: { manifestPath: string; checkWorkspace: boolean }): VerifyReport => {
      const lookup = db.prepare('SELECT id, raw FROM event_raw WHERE id IN (SELECT value FROM json_each(?))');
      return verifyExport(
        a.manifestPath,
        a.checkWorkspace
          ? (ids) => new Map((lookup.all(JSON.stringify(ids)) as { id: number; raw: string }[]).map((r) => [r.id, r.raw]))
          : undefined,
      );
    },
    /** The newest `limit` exports, or only export `id`. */
    listExports: (a: { limit: number; id?: number }): ExportHistoryRow[] =>
      db
        .prepare(
          `SELECT id, format, view, status, row_count AS rows, bytes, sha256, file_path AS path, manifest_path AS manifestPath,
                  started_at AS startedAt, finished_at AS finishedAt, error
           FROM exports WHERE ? IS NULL OR id = ? ORDER BY id DESC LIMIT ?`,
        )
        .all(a.id ?? null, a.id ?? null, a.limit) as ExportHistoryRow[],
  };
}

export interface ExportEnd {
  id: number;
  status: 'ok' | 'failed' | 'cancelled';
  rows: number;
  bytes: number;
  sha256: string | null;
  manifestPath: string | null;
  finishedAt: number;
  error: string | null;
}

export function exportWriteOps(db: WriteDb) {
  return {
    exportBegin: (a: { format: string; view: unknown; path: string; startedAt: number }): number =>
      Number(
        db
          .prepare(`INSERT INTO exports (format, view, status, file_path, started_at) VALUES (?, ?, 'running', ?, ?)`)
          .run(a.format, canonicalJson(a.view), a.path, a.startedAt).lastInsertRowid,
      ),
    exportFinish: (a: ExportEnd): void => {
      db.prepare(
        `UPDATE exports SET status = ?, row_count = ?, bytes = ?, sha256 = ?, manifest_path = ?, finished_at = ?, error = ? WHERE id = ?`,
      ).run(a.status, a.rows, a.bytes, a.sha256, a.manifestPath, a.finishedAt, a.error, a.id);
    },
    /** At start: exports left running by a crash are failed, and their partial files removed. */
    closeInterruptedExports: (a: { now: number }): number => {
      const left = db.prepare(`SELECT id, file_path AS path FROM exports WHERE status = 'running'`).all() as { id: number; path: string }[];
      for (const row of left) {
        rmSync(partialPath(row.path), { force: true, recursive: true });
        db.prepare(`UPDATE exports SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`).run(
          a.now,
          'Trailkeeper stopped before this export finished; its partial file was removed.',
          row.id,
        );
      }
      return left.length;
    },
  };
}

