/** What a reader worker can do: every op takes plain data and returns plain data. */
import type { ReadDb } from './open.ts';
import { count, getEvent, histogram, page, topValues, type PageRequest } from './reader.ts';
import { ftsBacklog } from './fts-indexer.ts';
import { listTenants } from './tenants.ts';
import { verifyWorkspace } from './verify.ts';
import type { View } from './view-sql.ts';
import type { FACET_FIELDS } from '../../preload/contract.ts';

export function readOps(db: ReadDb) {
  return {
    page: (a: PageRequest) => page(db, a),
    get: (a: { id: number }) => getEvent(db, a.id),
    count: (a: { view: View }) => count(db, a.view),
    histogram: (a: { view: View; maxBuckets: number }) => histogram(db, a.view, a.maxBuckets),
    topValues: (a: { view: View; field: (typeof FACET_FIELDS)[number]; limit: number }) =>
      topValues(db, a.view, a.field, a.limit),
    tenants: () => listTenants(db),
    verify: (a: { tenantIds?: number[] }) => verifyWorkspace(db, a.tenantIds),
    // The writer and retention keep tenants.event_count exact: no scan of events.
    totalEvents: () =>
      (db.prepare('SELECT coalesce(sum(event_count), 0) AS n FROM tenants').get() as { n: number }).n,
    fullTextBacklog: () => ftsBacklog(db),
    /** Test hook for cancellation: a read that runs until its worker is stopped. */
    spin: (a: { ms: number }) => {
      const end = Date.now() + a.ms;
      while (Date.now() < end) db.prepare('SELECT 1').get();
      return 'finished';
    },
  };
}

export type ReadOps = ReturnType<typeof readOps>;
