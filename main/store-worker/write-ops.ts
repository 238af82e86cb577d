/** What the writer worker can do. There is exactly one writer per workspace. */
import { readAuditFile } from '../ingest/files/read-file.ts';
import type { SourceKind } from '../ingest/sources/index.ts';
import { loadDemo, type DemoTarget } from '../demo/load-demo.ts';
import type { WriteDb } from '../store/open.ts';
import { purgeExpired } from '../store/retention.ts';
import { ensureConnection, ensureTenant, setLegalHold, setRetention, type ConnectionSpec, type TenantSpec } from '../store/tenants.ts';
import { getMeta, hasTenants, setMeta } from '../store/workspace-meta.ts';
import { renameGroup } from '../store/tenant-groups.ts';
import { FtsIndexer } from '../store/fts-indexer.ts';
import { EventWriter, type BatchInput } from '../store/writer.ts';
import { fileNormalizerName, rederivesExactly } from './normalizers.ts';
import { exportWriteOps } from './export-ops.ts';
import { ruleWriteOps } from './rule-ops.ts';
import { presetWriteOps } from './preset-ops.ts';
import { annotationWriteOps } from './annotation-ops.ts';
import {
  applyListedTenants,
  closeInterruptedRuns,
  countBatchInRun,
  createConnection,
  finishSyncRun,
  setConnectionOptions,
  setSyncInterval,
  setTenantGroups,
  startSyncRun,
  type ListedTenant,
  type NewConnection,
  type RunEnd,
} from '../store/connections.ts';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  inserted: number;
  duplicates: number;
  problems: number;
}

export interface ImportFileArgs {
  path: string;
  tenantId: number;
  sourceKind?: SourceKind;
}

export interface OpContext {
  signal: AbortSignal;
  report(progress: unknown): void;
}

export function writeOps(db: WriteDb) {
  const writer = new EventWriter(db);

  async function importFile(a: ImportFileArgs, { signal, report }: OpContext): Promise<ImportProgress & { problemSamples: { line: number; message: string }[] }> {
    const totals = { bytesRead: 0, totalBytes: 0, inserted: 0, duplicates: 0, problems: 0 };
    const problemSamples: { line: number; message: string }[] = [];
    const opts = { signal, ...(a.sourceKind ? { sourceKind: a.sourceKind } : {}) };
    let normalizer: string | undefined;
    for await (const batch of readAuditFile(a.path, opts)) {
      // Named after the reader has accepted the file; recorded per batch so verify can re-derive.
      normalizer ??= await fileNormalizerName(a.path, a.sourceKind);
      const first = batch.events[0];
      const named = first !== undefined && rederivesExactly(normalizer, first) ? normalizer : null;
      const result = writer.ingestBatch({ tenantId: a.tenantId, events: batch.events, normalizer: named });
      totals.inserted += result.inserted;
      totals.duplicates += result.duplicates;
      totals.problems += batch.problems.length;
      totals.bytesRead = batch.bytesRead;
      totals.totalBytes = batch.totalBytes;
      for (const p of batch.problems) if (problemSamples.length < 20) problemSamples.push(p);
      report({ ...totals });
    }
    return { ...totals, problemSamples };
  }

  return {
    ensureConnection: (a: ConnectionSpec) => ensureConnection(db, a),
    ensureTenant: (a: { connectionId: number; tenant: TenantSpec }) => ensureTenant(db, a.connectionId, a.tenant),
    ingestBatch: (a: BatchInput) => writer.ingestBatch(a),
    importFile,
    loadDemo: (a: { resourcesDir: string; now: number }, ctx: OpContext) => {
      const target: DemoTarget = {
        demoState: () => getMeta(db, 'demo'),
        setDemoState: (state) => setMeta(db, 'demo', state),
        hasTenants: () => hasTenants(db),
        ensureConnection: (c) => ensureConnection(db, c),
        ensureTenant: (connectionId, tenant) => ensureTenant(db, connectionId, tenant),
        importFile: (file) => importFile(file, { signal: ctx.signal, report: () => {} }),
      };
      return loadDemo(target, a.resourcesDir, a.now, ctx.report);
    },
    purgeExpired: (a: { now: number }) => purgeExpired(db, a.now),
    /** One tenant's retention now, no further back than `cutoff` (the time its preview counted with). */
    purgeTenant: (a: { tenantId: number; now: number; cutoff?: number }) =>
      purgeExpired(db, a.now, { tenantId: a.tenantId, ...(a.cutoff !== undefined ? { cutoff: a.cutoff } : {}) })[0]?.purged ?? 0,
    renameGroup: (a: { from: string; to: string }) => renameGroup(db, a.from, a.to),
    setLegalHold: (a: { tenantId: number; hold: boolean }) => setLegalHold(db, a.tenantId, a.hold),
    setRetention: (a: { tenantId: number; days: number | null }) => setRetention(db, a.tenantId, a.days),
    // Sync (main/sync/engine.ts): a pulled batch, its checkpoint and its run's counts in one transaction.
    // The batch's normaliser is recorded only when its first event proves the name right (as
    // for file imports), so verify never re-derives with a normaliser that did not write it.
    ingestSyncBatch: (a: BatchInput & { syncRunId: number; derivedIds: number }) =>
      db
        .transaction(() => {
          const first = a.events[0];
          const named = a.normalizer && first !== undefined && rederivesExactly(a.normalizer, first) ? a.normalizer : null;
          const result = writer.ingestBatch({ ...a, normalizer: named });
          countBatchInRun(db, a.syncRunId, result.inserted, result.duplicates, a.derivedIds);
          return result;
        })
        .immediate(),
    createConnection: (a: NewConnection) => createConnection(db, a),
    setConnectionOptions: (a: { id: number; options: Record<string, unknown> }) => setConnectionOptions(db, a.id, a.options),
    applyListedTenants: (a: { connectionId: number; tenants: ListedTenant[] }) => applyListedTenants(db, a.connectionId, a.tenants),
    setTenantGroups: (a: { tenantId: number; groups: string[] }) => setTenantGroups(db, a.tenantId, a.groups),
    setSyncInterval: (a: { tenantId: number; minutes: number | null }) => setSyncInterval(db, a.tenantId, a.minutes),
    startSyncRun: (a: { tenantId: number; kind: string; now: number }) => startSyncRun(db, a.tenantId, a.kind, a.now),
    finishSyncRun: (a: RunEnd) => finishSyncRun(db, a),
    closeInterruptedRuns: (a: { now: number }) => closeInterruptedRuns(db, a.now),
    /** Makes every stored event searchable now, instead of when the writer is next idle. */
    indexFullText: () => new FtsIndexer(db).drain(),
    ...exportWriteOps(db),
    ...ruleWriteOps(db),
    ...presetWriteOps(db),
    ...annotationWriteOps(db),
  };
}

export type WriteOps = ReturnType<typeof writeOps>;
