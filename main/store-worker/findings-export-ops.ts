/**
 * Exports a rule run's findings (reader worker): streamed through writeExport (partial file,
 * fsync, rename) a page at a time, with the manifest every export has, so `exports.verify`
 * checks it. The manifest's format is `findings-<csv|ndjson>`, its view names the run and the
 * view the run covered, and its tenants are those the findings touch, with their chain heads.
 */
import { basename } from 'node:path';
import { rmSync } from 'node:fs';
import type { ReadDb } from '../store/open.ts';
import { cancelPointSql, CANCEL_POINT_FUNCTION } from '../query/cancel-point.ts';
import { findingsWriterFor, type FindingExportRow } from '../export/findings-writers.ts';
import { buildManifest, manifestPathFor, type ManifestTenant } from '../export/manifest.ts';
import { writeExport, writeSmallFile } from '../export/write-export.ts';
import { listFindings } from './rule-ops.ts';
import type { ExportResult, OpContext } from './export-ops.ts';

export interface FindingsExportRequest {
  runId?: number;
  format: 'csv' | 'ndjson';
  path: string;
  appVersion: string;
}

const PAGE = 500;

export function findingsExportOps(db: ReadDb) {
  return {
    /** The run a findings export covers (default: the latest), or null when there is none. */
    findingsRun: (a: { runId?: number }): { runId: number; view: unknown; findings: number } | null => {
      const row = db
        .prepare('SELECT r.id AS runId, r.view AS view, (SELECT count(*) FROM findings f WHERE f.run_id = r.id) AS findings FROM rule_runs r WHERE r.id = coalesce(?, (SELECT max(id) FROM rule_runs))')
        .get(a.runId ?? null) as { runId: number; view: string; findings: number } | undefined;
      return row ? { ...row, view: JSON.parse(row.view) as unknown } : null;
    },
    exportFindings: (a: FindingsExportRequest, ctx: OpContext): ExportResult =>
      db
        .transaction((): ExportResult => {
          const { runId, findings } = listFindings(db, a.runId ?? null);
          if (runId === null) throw new Error('There are no findings to export: run the rules first.');
          const runView = JSON.parse((db.prepare('SELECT view FROM rule_runs WHERE id = ?').get(runId) as { view: string }).view) as unknown;
          const tenants = db.prepare('SELECT id, name, chain_head AS chainHead, event_count AS eventCount FROM tenants ORDER BY id').all() as ManifestTenant[];
          const nameOf = new Map(tenants.map((t) => [t.id, t.name]));
          const rows: FindingExportRow[] = findings.map((f) => ({ ...f, tenantName: nameOf.get(f.tenantId) ?? `tenant ${f.tenantId}` }));
          const cancelCheck = cancelPointSql() ? db.prepare(`SELECT ${CANCEL_POINT_FUNCTION}() AS ok`) : null;
          function* pages(): Generator<FindingExportRow[]> {
            for (let i = 0; i < rows.length; i += PAGE) {
              cancelCheck?.get();
              yield rows.slice(i, i + PAGE);
            }
          }
          const written = writeExport({ path: a.path, writer: findingsWriterFor(a.format), pages: pages(), onProgress: (p) => ctx.report(p) });
          const touched = new Set(findings.map((f) => f.tenantId));
          const manifestPath = manifestPathFor(a.path);
          const manifest = buildManifest({
            appVersion: a.appVersion,
            createdAt: new Date().toISOString(),
            exportFormat: `findings-${a.format}`,
            view: { findingsRunId: runId, ruleRunView: runView },
            rows: written.rows,
            tenants: tenants.filter((t) => touched.has(t.id)),
            files: [{ name: basename(a.path), sha256: written.sha256, bytes: written.bytes, rows: written.rows }],
          });
          try {
            writeSmallFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
          } catch (error) {
            rmSync(a.path, { force: true });
            throw error;
          }
          return { ...written, manifestPath };
        })
        .deferred(),
  };
}
