/**
 * The Tenants screen's store ops: the preview count is what a one-tenant purge with the same
 * cutoff then removes (0 under legal hold, and the purge removes nothing then); a purge never
 * reaches further back than the policy; group rename; the tenant list's oldest time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../../main/domain/retention-cutoff.ts';
import { closeWorkspace, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { countExpired, purgeExpired } from '../../../main/store/retention.ts';
import { renameGroup } from '../../../main/store/tenant-groups.ts';
import { ensureConnection, ensureTenant, listTenants, setLegalHold, setRetention } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { chunk, makeEvents, removeTempDirs, tempWorkspacePath } from './fixtures.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 15, 12);
/** Events one a day for 100 days before NOW, a few per day (whole minutes from startTs). */
const SPAN_DAYS = 100;

let db: WriteDb;
let a: number;
let b: number;
const read = () => db as unknown as ReadDb;
const eventsOf = (tenantId: number) => (db.prepare('SELECT count(*) AS n FROM events WHERE tenant_id = ?').get(tenantId) as { n: number }).n;

beforeEach(() => {
  db = openWorkspaceForWrite(tempWorkspacePath());
  const conn = ensureConnection(db, { kind: 'okta', label: 'Okta', baseUrl: null });
  a = ensureTenant(db, conn, { externalId: 'a', name: 'A', groups: ['EU', 'prod'] });
  b = ensureTenant(db, conn, { externalId: 'b', name: 'B', groups: ['EU'] });
  const writer = new EventWriter(db);
  const startTs = NOW - SPAN_DAYS * DAY;
  for (const [tenantId, prefix] of [[a, 'a'], [b, 'b']] as const) {
    const events = makeEvents(tenantId, 900, { prefix, startTs, minutes: SPAN_DAYS * 24 * 60 });
    for (const part of chunk(events, 100)) writer.ingestBatch({ tenantId, events: part });
  }
});
afterEach(() => {
  closeWorkspace(db);
  removeTempDirs();
});

describe('countExpired and a one-tenant purge', () => {
  it('the preview count is exactly what the purge with its cutoff removes, and only from that tenant', () => {
    const cutoff = retentionCutoff(NOW, 30);
    const expected = (db.prepare('SELECT count(*) AS n FROM events WHERE tenant_id = ? AND ts < ?').get(a, cutoff) as { n: number }).n;
    const preview = countExpired(read(), a, cutoff);
    expect(preview).toBe(expected);
    expect(preview).toBeGreaterThan(0);
    const beforeA = eventsOf(a);
    const beforeB = eventsOf(b);
    setRetention(db, a, 30);
    setRetention(db, b, 30);
    // Purged a little later than previewed: the preview's cutoff holds, not the later now's.
    const purged = purgeExpired(db, NOW + 5 * 60_000, { tenantId: a, cutoff });
    expect(purged).toEqual([{ tenantId: a, purged: preview }]);
    expect(eventsOf(a)).toBe(beforeA - preview);
    expect(eventsOf(b)).toBe(beforeB);
    expect(listTenants(db).tenants.find((t) => t.id === a)!.eventCount).toBe(beforeA - preview);
    expect(verifyWorkspace(read()).ok).toBe(true);
  });

  it('a cutoff later than the policy allows purges only what the policy allows', () => {
    setRetention(db, a, 30);
    const policy = retentionCutoff(NOW, 30);
    const allowed = countExpired(read(), a, policy);
    const [result] = purgeExpired(db, NOW, { tenantId: a, cutoff: NOW });
    expect(result!.purged).toBe(allowed);
    expect(countExpired(read(), a, NOW)).toBeGreaterThan(0);
  });

  it('under legal hold the preview is 0 and the purge removes nothing', () => {
    const cutoff = retentionCutoff(NOW, 10);
    expect(countExpired(read(), a, cutoff)).toBeGreaterThan(0);
    setLegalHold(db, a, true);
    setRetention(db, a, 10);
    expect(countExpired(read(), a, cutoff)).toBe(0);
    const before = eventsOf(a);
    expect(purgeExpired(db, NOW, { tenantId: a, cutoff })).toEqual([]);
    expect(eventsOf(a)).toBe(before);
  });

  it('an unknown tenant previews 0', () => {
    expect(countExpired(read(), 999, NOW)).toBe(0);
  });
});

describe('renameGroup', () => {
  it('renames a label on every tenant carrying it, merging with a label already there', () => {
    expect(renameGroup(db, 'EU', 'Europe')).toBe(2);
    expect(listTenants(db).groups).toEqual(['Europe', 'prod']);
    expect(renameGroup(db, 'Europe', 'prod')).toBe(2);
    const { tenants, groups } = listTenants(db);
    expect(groups).toEqual(['prod']);
    expect(tenants.find((t) => t.id === a)!.groups).toEqual(['prod']);
    expect(renameGroup(db, 'nobody', 'x')).toBe(0);
  });
});

describe('listTenants', () => {
  it('gives each tenant its oldest and newest event time', () => {
    const t = listTenants(db).tenants.find((x) => x.id === a)!;
    const span = db.prepare('SELECT min(ts) AS lo, max(ts) AS hi FROM events WHERE tenant_id = ?').get(a) as { lo: number; hi: number };
    expect(t.oldestTs).toBe(span.lo);
    expect(t.newestTs).toBe(span.hi);
  });
});

describe('verify progress', () => {
  it('reports batches and events done against the totals in scope, ending at the totals', () => {
    const seen: { batchesDone: number; batchesTotal: number; eventsDone: number; eventsTotal: number }[] = [];
    const result = verifyWorkspace(read(), [a], undefined, { onProgress: (p) => seen.push(p) });
    expect(result.ok).toBe(true);
    expect(seen[0]).toEqual({ batchesDone: 0, batchesTotal: 9, eventsDone: 0, eventsTotal: 900 });
    expect(seen.at(-1)).toEqual({ batchesDone: 9, batchesTotal: 9, eventsDone: 900, eventsTotal: 900 });
    expect(result).toMatchObject({ batchesChecked: 9, eventsChecked: 900 });
  });

  it('stops when its cancel check throws', () => {
    let calls = 0;
    const stop = () => {
      if (++calls === 3) throw new Error('stop here');
    };
    expect(() => verifyWorkspace(read(), undefined, undefined, { checkCancel: stop })).toThrow('stop here');
    expect(calls).toBe(3);
  });
});
