/**
 * Daily rollups (issue 12): for random views (scope, a range that may or may not fall on
 * midnight, queries over rollup columns and over others), count, histogram and top values read
 * through the rollups equal the same calls scanning the events — after ingest, after retention,
 * and after a tenant's every event is purged. The rollup tables themselves equal a full GROUP BY.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACET_FIELDS } from '../../../common/contract.ts';
import { openWorkspaceForRead, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { count, histogram, topValues } from '../../../main/store/reader.ts';
import { purgeExpired } from '../../../main/store/retention.ts';
import { ROLLUP_DAY_MS, rollupPlan } from '../../../main/store/rollups.ts';
import { CANCEL_POINT_FUNCTION, enableCancelPoints } from '../../../main/query/cancel-point.ts';
import { ensureConnection, ensureTenant, setRetention } from '../../../main/store/tenants.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, chunk, makeEvents, removeTempDirs, tempWorkspacePath } from './fixtures.ts';
import { rollupMismatch } from './rollup-check.ts';

const DAY = ROLLUP_DAY_MS;
const DAYS = 12;

let w: WriteDb;
let db: ReadDb;
const tenants: { id: number; name: string }[] = [];

beforeAll(() => {
  const path = tempWorkspacePath('rollups.trailkeeper');
  w = openWorkspaceForWrite(path);
  const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  const writer = new EventWriter(w);
  for (const [i, [name, groups]] of ([['Alpha', ['eu']], ['Bravo', ['us']], ['Charlie', ['eu', 'us']]] as const).entries()) {
    const id = ensureTenant(w, conn, { externalId: name.toLowerCase(), name, groups: [...groups] });
    tenants.push({ id, name });
    // Starting mid-morning, over 12 days, in batches that cross midnight; each batch re-sends its predecessor's last events.
    const events = makeEvents(300 + i, 1_200, { prefix: name, startTs: BASE_TS + 10 * 3_600_000, minutes: DAYS * 24 * 60 });
    const batches = chunk(events, 100);
    batches.forEach((batch, b) => writer.ingestBatch({ tenantId: id, events: b > 0 ? [...batch, ...batches[b - 1]!.slice(-5)] : batch }));
  }
  db = openWorkspaceForRead(path);
});

afterAll(() => {
  db?.close();
  w?.close();
  removeTempDirs();
});

const QUERIES = [
  '', 'outcome:failure', 'NOT outcome:success', 'action:user.session*', 'category:auth OR category:user',
  'outcome:failure AND action:app.oauth.grant', 'tenant:Bravo', '-category:config',
  // Not answerable from the rollups: these scan, and must still agree.
  'actor:alice@acme.test', 'ts>=2025-01-03', 'alpha',
];

/** A time inside the data or around it; a third fall exactly on midnight. */
const instant = fc.oneof(
  fc.integer({ min: -2, max: DAYS + 2 }).map((d) => BASE_TS + d * DAY),
  fc.integer({ min: -2 * DAY, max: (DAYS + 2) * DAY }).map((ms) => BASE_TS + ms),
  fc.integer({ min: -2 * DAY, max: (DAYS + 2) * DAY }).map((ms) => BASE_TS + ms),
);

const viewArb = fc
  .record({
    scope: fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.constantFrom('eu', 'us').map((group) => ({ kind: 'group' as const, group })),
      fc.subarray([0, 1, 2], { minLength: 1 }).map((ix) => ({ kind: 'tenants' as const, tenantIds: ix.map((i) => tenants[i]!.id) })),
    ),
    from: fc.option(instant, { nil: null }),
    to: fc.option(instant, { nil: null }),
    query: fc.constantFrom(...QUERIES),
  })
  .map(({ scope, from, to, query }): View => {
    const [lo, hi] = from !== null && to !== null && from > to ? [to, from] : [from, to];
    return { scope, range: { from: lo, to: hi }, query };
  });

/** Runs the property and returns how many views the rollups answered (so the test shows they were used). */
function rollupsEqualScan(runs: number): number {
  let planned = 0;
  const tables = new Set<string>();
  fc.assert(
    fc.property(viewArb, fc.integer({ min: 2, max: 200 }), fc.constantFrom(...FACET_FIELDS), fc.integer({ min: 1, max: 20 }), (view, buckets, field, limit) => {
      const plan = rollupPlan(view);
      if (plan) planned++;
      if (plan) tables.add(plan.table);
      expect(count(db, view)).toBe(count(db, view, { rollups: false }));
      expect(histogram(db, view, buckets)).toEqual(histogram(db, view, buckets, { rollups: false }));
      expect(topValues(db, view, field, limit)).toEqual(topValues(db, view, field, limit, { rollups: false }));
    }),
    { numRuns: runs, seed: 1212 },
  );
  // Both rollup tables answered some of the views.
  expect([...tables].sort()).toEqual(['event_rollups', 'event_rollups_all']);
  return planned;
}

describe('daily rollups', () => {
  it('equal a full GROUP BY of the events after ingest (duplicates not counted)', () => {
    expect(rollupMismatch(db)).toBeNull();
    expect((db.prepare('SELECT sum(n) AS n FROM event_rollups').get() as { n: number }).n).toBe(3 * 1_200);
  });

  it('answer count, histogram and top values exactly as a scan does, for random views', () => {
    expect(rollupsEqualScan(300)).toBeGreaterThan(100);
  });

  it('a view the rollups can answer uses them; one naming another column or inside one day does not', () => {
    const open = { from: null, to: null };
    expect(rollupPlan({ scope: { kind: 'all' }, range: open, query: 'outcome:failure OR NOT action:x*' })?.table).toBe('event_rollups_all');
    expect(rollupPlan({ scope: { kind: 'all' }, range: open, query: 'tenant:Bravo' })?.table).toBe('event_rollups');
    expect(rollupPlan({ scope: { kind: 'group', group: 'eu' }, range: open, query: '' })?.table).toBe('event_rollups');
    expect(rollupPlan({ scope: { kind: 'all' }, range: open, query: 'actor:alice@acme.test' })).toBeNull();
    expect(rollupPlan({ scope: { kind: 'all' }, range: { from: BASE_TS + 1, to: BASE_TS + DAY - 1 }, query: '' })).toBeNull();
    const plan = rollupPlan({ scope: { kind: 'all' }, range: { from: BASE_TS + 5, to: BASE_TS + 3 * DAY + 7 }, query: '' });
    expect(plan).toMatchObject({ fromDay: BASE_TS + DAY, toDay: BASE_TS + 3 * DAY, edges: [{ from: BASE_TS + 5, to: BASE_TS + DAY }, { from: BASE_TS + 3 * DAY, to: BASE_TS + 3 * DAY + 7 }] });
  });

  it('stay exact after retention removes part of a tenant, and newest_ts follows', () => {
    const alpha = tenants[0]!.id;
    setRetention(w, alpha, 30);
    // Keeps Alpha's last 5 days and a half: the cutoff falls mid-day.
    const now = BASE_TS + (DAYS - 5.5) * DAY + 30 * DAY;
    const [result] = purgeExpired(w, now);
    expect(result!.purged).toBeGreaterThan(300);
    expect(rollupMismatch(db)).toBeNull();
    const t = db.prepare('SELECT event_count, newest_ts FROM tenants WHERE id = ?').get(alpha) as { event_count: number; newest_ts: number };
    expect(t).toEqual(db.prepare('SELECT count(*) AS event_count, max(ts) AS newest_ts FROM events WHERE tenant_id = ?').get(alpha));
    expect(rollupsEqualScan(150)).toBeGreaterThan(50);
  });

  it('leave no rollup row and a null newest_ts for a tenant whose every event is purged', () => {
    const bravo = tenants[1]!.id;
    setRetention(w, bravo, 1);
    purgeExpired(w, BASE_TS + 100 * DAY);
    expect(db.prepare('SELECT count(*) AS n FROM event_rollups WHERE tenant_id = ?').get(bravo)).toEqual({ n: 0 });
    expect(db.prepare('SELECT event_count, newest_ts FROM tenants WHERE id = ?').get(bravo)).toEqual({ event_count: 0, newest_ts: null });
    expect(rollupMismatch(db)).toBeNull();
    expect(rollupsEqualScan(100)).toBeGreaterThan(30);
  });

  it('refuse to purge, losing nothing, when the rollups were changed outside Trailkeeper', () => {
    const charlie = tenants[2]!.id;
    w.prepare('DELETE FROM event_rollups WHERE tenant_id = ?').run(charlie);
    const before = (db.prepare('SELECT count(*) AS n FROM events WHERE tenant_id = ?').get(charlie) as { n: number }).n;
    setRetention(w, charlie, 30);
    expect(() => purgeExpired(w, BASE_TS + 40 * DAY)).toThrow(/daily rollups lack a row for tenant \d+ on 2025-01-\d\d; nothing was purged/);
    expect((db.prepare('SELECT count(*) AS n FROM events WHERE tenant_id = ?').get(charlie) as { n: number }).n).toBe(before);
  });

  // Last: cancel points stay on for the rest of this file's thread once enabled.
  it('answer the same with cancel points on, as in a reader worker (the rollup part leaves them out)', () => {
    let calls = 0;
    db.function(CANCEL_POINT_FUNCTION, { deterministic: false }, () => {
      calls++;
      return 1; // not cancelled, as run-worker.ts answers
    });
    enableCancelPoints();
    const view: View = { scope: { kind: 'all' }, range: { from: BASE_TS + 7 * 3_600_000, to: BASE_TS + 9 * DAY + 5 }, query: 'outcome:failure' };
    expect(rollupPlan(view)?.eventWhere).toContain(CANCEL_POINT_FUNCTION);
    expect(rollupPlan(view)?.where).not.toContain(CANCEL_POINT_FUNCTION);
    expect(count(db, view)).toBe(count(db, view, { rollups: false }));
    expect(topValues(db, view, 'action', 5)).toEqual(topValues(db, view, 'action', 5, { rollups: false }));
    expect(calls).toBeGreaterThan(0);
  });
});
