/**
 * Aggregate scans stop when cancelled even for a view with no query (issue 9): an empty query
 * compiles to a bare `1` without a cancel point, so top values of a column the rollups lack and
 * a histogram in buckets under a day over a whole scope once ran to the end after a view
 * changed, holding a reader and a core. They carry the cancel point themselves now; the count of
 * everything keeps its fast path. Module state is per test file, so turning cancel points on here
 * touches no other test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_POINT_FUNCTION, enableCancelPoints } from '../../../main/query/cancel-point.ts';
import { openWorkspaceForRead, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { count, histogram, topValues } from '../../../main/store/reader.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, chunk, makeEvents, removeTempDirs, tempWorkspacePath } from './fixtures.ts';

let w: WriteDb;
let db: ReadDb;
let cancelled = false;
let calls = 0;
const everything: View = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };

beforeAll(() => {
  const path = tempWorkspacePath('aggregate-cancel.trailkeeper');
  w = openWorkspaceForWrite(path);
  const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  const tenantId = ensureTenant(w, conn, { externalId: 'acme', name: 'Acme', groups: ['eu'] });
  const writer = new EventWriter(w);
  // Two hours of events: the histogram's buckets are minutes, which the daily rollups cannot answer.
  for (const batch of chunk(makeEvents(9, 2_000, { prefix: 'agg', startTs: BASE_TS, minutes: 120 }), 500)) writer.ingestBatch({ tenantId, events: batch });
  db = openWorkspaceForRead(path);
  db.function(CANCEL_POINT_FUNCTION, { deterministic: false }, () => {
    calls++;
    if (cancelled) throw new Error('stopped at a cancel point');
    return 1;
  });
});

afterAll(() => {
  db?.close();
  w?.close();
  removeTempDirs();
});

describe('aggregate scans of a view with no query', () => {
  it('meet the cancel point, answer as before while not cancelled, and stop once it throws', () => {
    const before = { top: topValues(db, everything, 'actor_email', 5), chart: histogram(db, everything, 160) };
    enableCancelPoints();
    calls = 0;
    expect(topValues(db, everything, 'actor_email', 5)).toEqual(before.top);
    expect(histogram(db, everything, 160)).toEqual(before.chart);
    expect(calls).toBeGreaterThan(0);

    cancelled = true;
    try {
      expect(() => topValues(db, everything, 'actor_email', 5)).toThrow('stopped at a cancel point');
      expect(() => histogram(db, everything, 160)).toThrow('stopped at a cancel point');
      // The count of everything is answered without a scan (no cancel point met, nothing to stop).
      expect(count(db, everything)).toBe(2_000);
    } finally {
      cancelled = false;
    }
  });
});
