/** What a reader worker can do: every op takes plain data and returns plain data. */
import type { ReadDb } from '../store/open.ts';
import { count, getEvent, histogram, page, topValues, type PageRequest } from '../store/reader.ts';
import { ftsBacklog } from '../store/fts-indexer.ts';
import { listTenants } from '../store/tenants.ts';
import { getCheckpoint, getConnection, listConnections, syncTargets, tenantSyncRows } from '../store/connections.ts';
import { verifyWorkspace, type VerifyProgress } from '../store/verify.ts';
import { countExpired } from '../store/retention.ts';
import { cancelCheck } from '../query/cancel-point.ts';
import type { OpContext } from './write-ops.ts';
import { seek, type SeekRequest } from '../store/seek.ts';
import { rederive } from './normalizers.ts';
import { exportReadOps } from './export-ops.ts';
import { ruleReadOps } from './rule-ops.ts';
import { findingsExportOps } from './findings-export-ops.ts';
import { presetReadOps } from './preset-ops.ts';
import { annotationReadOps } from './annotation-ops.ts';
import type { View } from '../store/view-sql.ts';
import type { FacetField } from '../../common/event-fields.ts';

export function readOps(db: ReadDb) {
  return {
    page: (a: PageRequest) => page(db, a),
    get: (a: { id: number }) => getEvent(db, a.id),
    count: (a: { view: View }) => count(db, a.view),
    histogram: (a: { view: View; maxBuckets: number }) => histogram(db, a.view, a.maxBuckets),
    topValues: (a: { view: View; field: FacetField; limit: number }) =>
      topValues(db, a.view, a.field, a.limit),
    seek: (a: SeekRequest) => seek(db, a),
    tenants: () => listTenants(db),
    // Progress goes to the host as it runs; a cancel stops it between batches.
    verify: (a: { tenantIds?: number[] }, ctx?: OpContext) =>
      verifyWorkspace(db, a.tenantIds, rederive, {
        ...(ctx ? { onProgress: (p: VerifyProgress) => ctx.report(p) } : {}),
        checkCancel: cancelCheck(db),
      }),
    /** How many events a retention cutoff would remove from the tenant now (0 under legal hold). */
    retentionPreview: (a: { tenantId: number; cutoff: number }) => countExpired(db, a.tenantId, a.cutoff),
    // The writer and retention keep tenants.event_count exact: no scan of events.
    totalEvents: () =>
      (db.prepare('SELECT coalesce(sum(event_count), 0) AS n FROM tenants').get() as { n: number }).n,
    fullTextBacklog: () => ftsBacklog(db),
    connections: () => listConnections(db),
    connection: (a: { id: number }) => getConnection(db, a.id),
    checkpoint: (a: { tenantId: number }) => getCheckpoint(db, a.tenantId),
    syncTargets: (a: { connectionId?: number; tenantIds?: number[] }) => syncTargets(db, a),
    tenantSyncRows: (a: { connectionId?: number }) => tenantSyncRows(db, a.connectionId),
    ...exportReadOps(db),
    ...ruleReadOps(db),
    ...findingsExportOps(db),
    ...presetReadOps(db),
    ...annotationReadOps(db),
  };
}

export type ReadOps = ReturnType<typeof readOps>;
