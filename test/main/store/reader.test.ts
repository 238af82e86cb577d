import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../main/domain/event.ts';
import { sha256Hex } from '../../../main/store/hash.ts';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { chooseBucketMs, count, getEvent, histogram, page, topValues } from '../../../main/store/reader.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, chunk, makeEvents, removeTempDirs, tempDir } from './fixtures.ts';

const MINUTE = 60_000;
const PER_TENANT = 150;

interface ModelEvent extends NormalizedEvent {
  id: number;
  tenantId: number;
  tenantName: string;
}

let path: string;
let db: ReadDb;
const tenants: { id: number; name: string; groups: string[] }[] = [];
let model: ModelEvent[] = [];

beforeAll(() => {
  path = join(tempDir(), 'reader.trailkeeper');
  const w = openWorkspaceForWrite(path);
  const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  for (const [name, groups] of [['Alpha', ['eu', 'prod']], ['Bravo', ['us']], ['Charlie', ['eu']]] as const) {
    tenants.push({ id: ensureTenant(w, conn, { externalId: name.toLowerCase(), name, groups }), name, groups: [...groups] });
  }
  // 90 distinct minutes for 450 events: many equal timestamps, within and across tenants.
  const perTenant = tenants.map((t, i) => makeEvents(100 + i, PER_TENANT, { prefix: t.name, minutes: 90 }));
  const writer = new EventWriter(w);
  // Interleave the tenants' batches so that ids do not follow tenants or time.
  const batches = perTenant.map((events) => chunk(events, 25));
  for (let b = 0; b < batches[0]!.length; b++) {
    for (let t = 0; t < tenants.length; t++) writer.ingestBatch({ tenantId: tenants[t]!.id, events: batches[t]![b]! });
  }
  const ids = new Map(
    (w.prepare('SELECT id, tenant_id, source_id FROM events').all() as { id: number; tenant_id: number; source_id: string }[]).map(
      (r) => [`${r.tenant_id}|${r.source_id}`, r.id],
    ),
  );
  model = perTenant.flatMap((events, t) =>
    events.map((e) => ({ ...e, id: ids.get(`${tenants[t]!.id}|${e.sourceId}`)!, tenantId: tenants[t]!.id, tenantName: tenants[t]!.name })),
  );
  expect(model.every((e) => typeof e.id === 'number')).toBe(true);
  closeWorkspace(w);
  db = openWorkspaceForRead(path);
});

afterAll(() => {
  db?.close();
  removeTempDirs();
});

type Scope = View['scope'];
const view = (scope: Scope, from: number | null = null, to: number | null = null, query = ''): View => ({
  scope, range: { from, to }, query,
});

function inView(v: View, e: ModelEvent): boolean {
  const { scope, range } = v;
  if (scope.kind === 'group' && !tenants.find((t) => t.id === e.tenantId)!.groups.includes(scope.group)) return false;
  if (scope.kind === 'tenants' && !scope.tenantIds.includes(e.tenantId)) return false;
  if (range.from !== null && e.ts < range.from) return false;
  if (range.to !== null && e.ts >= range.to) return false;
  return true;
}

function expectedIds(v: View, order: 'newest' | 'oldest'): number[] {
  const sign = order === 'newest' ? -1 : 1;
  return model
    .filter((e) => inView(v, e))
    .sort((a, b) => sign * (a.ts - b.ts) || sign * (a.id - b.id))
    .map((e) => e.id);
}

function pageAll(v: View, order: 'newest' | 'oldest', limit: number): number[] {
  const seen: number[] = [];
  let after: { ts: number; id: number } | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const result = page(db, { view: v, order, after, limit });
    expect(result.rows.length).toBeLessThanOrEqual(limit);
    seen.push(...result.rows.map((r) => r.id));
    if (!result.next) return seen;
    expect(result.rows).toHaveLength(limit);
    expect(result.next).toEqual({ ts: result.rows.at(-1)!.ts, id: result.rows.at(-1)!.id });
    after = result.next;
  }
  throw new Error('paging did not end');
}

const scopes = (): [string, Scope][] => [
  ['all', { kind: 'all' }],
  ['group eu', { kind: 'group', group: 'eu' }],
  ['group us', { kind: 'group', group: 'us' }],
  ['unknown group', { kind: 'group', group: 'nowhere' }],
  ['one tenant', { kind: 'tenants', tenantIds: [tenants[1]!.id] }],
  ['two tenants', { kind: 'tenants', tenantIds: [tenants[0]!.id, tenants[2]!.id] }],
];
const ranges: [string, number | null, number | null][] = [
  ['unbounded', null, null],
  ['20–60 min', BASE_TS + 20 * MINUTE, BASE_TS + 60 * MINUTE],
  ['from 30 min', BASE_TS + 30 * MINUTE, null],
  ['until 10 min', null, BASE_TS + 10 * MINUTE],
];

describe('page (keyset)', () => {
  it('the fixture has ties: many events share a timestamp, across tenants', () => {
    const byTs = new Map<number, Set<number>>();
    for (const e of model) byTs.set(e.ts, (byTs.get(e.ts) ?? new Set()).add(e.tenantId));
    expect(byTs.size).toBeLessThanOrEqual(90);
    expect([...byTs.values()].filter((s) => s.size > 1).length).toBeGreaterThan(50);
  });

  it('returns every event exactly once, in order, both directions, for every scope and range', () => {
    for (const [scopeName, scope] of scopes()) {
      for (const [rangeName, from, to] of ranges) {
        const v = view(scope, from, to);
        for (const order of ['newest', 'oldest'] as const) {
          const expected = expectedIds(v, order);
          const got = pageAll(v, order, 7);
          expect(got, `${scopeName}, ${rangeName}, ${order}`).toEqual(expected);
          expect(new Set(got).size).toBe(got.length);
        }
      }
    }
    // The unbounded all-tenant view really covers everything.
    expect(pageAll(view({ kind: 'all' }), 'newest', 50)).toHaveLength(model.length);
  });

  it('a page of one returns the same sequence', () => {
    const v = view({ kind: 'all' }, BASE_TS + 40 * MINUTE, BASE_TS + 45 * MINUTE);
    expect(pageAll(v, 'newest', 1)).toEqual(expectedIds(v, 'newest'));
    expect(pageAll(v, 'oldest', 1)).toEqual(expectedIds(v, 'oldest'));
  });

  it('rows carry the event fields and the tenant name', () => {
    const { rows } = page(db, { view: view({ kind: 'all' }), order: 'oldest', after: null, limit: 500 });
    const byId = new Map(model.map((e) => [e.id, e]));
    for (const row of rows) {
      const e = byId.get(row.id)!;
      expect(row).toEqual({
        id: e.id, tenantId: e.tenantId, tenantName: e.tenantName, sourceId: e.sourceId, ts: e.ts, tsRaw: e.tsRaw,
        category: e.category, action: e.action, activity: e.activity, outcome: e.outcome, severity: e.severity,
        actorType: e.actorType, actorId: e.actorId, actorName: e.actorName, actorEmail: e.actorEmail, actorRole: e.actorRole,
        targetType: e.targetType, targetId: e.targetId, targetName: e.targetName, ip: e.ip, userAgent: e.userAgent,
        geoCountry: e.geoCountry, geoCity: e.geoCity, message: e.message,
      });
    }
  });

  it('applies the query together with scope and range', () => {
    const v = view({ kind: 'group', group: 'eu' }, BASE_TS + 10 * MINUTE, null, 'outcome:failure');
    const expected = model.filter((e) => inView(v, e) && e.outcome === 'failure');
    expect(expected.length).toBeGreaterThan(10);
    expect(count(db, v)).toBe(expected.length);
    expect(new Set(pageAll(v, 'newest', 9))).toEqual(new Set(expected.map((e) => e.id)));
  });

  it('a query syntax error is a QuerySyntaxError with a column', () => {
    let caught: unknown;
    try {
      page(db, { view: view({ kind: 'all' }, null, null, 'action:('), order: 'newest', after: null, limit: 10 });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).name).toBe('QuerySyntaxError');
    expect((caught as { column: unknown }).column).toEqual(expect.any(Number));
  });
});

describe('getEvent', () => {
  it('returns the row with its raw text and hash, or null', () => {
    const e = model[123]!;
    expect(getEvent(db, e.id)).toMatchObject({ id: e.id, tenantName: e.tenantName, sourceId: e.sourceId, raw: e.raw, rawSha256: sha256Hex(e.raw) });
    expect(getEvent(db, 987_654)).toBeNull();
  });
});

describe('count, histogram, topValues', () => {
  const views = (): [string, View][] => [
    ['all', view({ kind: 'all' })],
    ['group eu, 20–60 min', view({ kind: 'group', group: 'eu' }, BASE_TS + 20 * MINUTE, BASE_TS + 60 * MINUTE)],
    ['one tenant', view({ kind: 'tenants', tenantIds: [tenants[2]!.id] })],
    ['two tenants from 30 min', view({ kind: 'tenants', tenantIds: [tenants[0]!.id, tenants[1]!.id] }, BASE_TS + 30 * MINUTE, null)],
    ['empty range', view({ kind: 'all' }, BASE_TS - 10 * MINUTE, BASE_TS)],
    // Not aligned to a bucket size: the first bucket starts before the range.
    ['all, 30–90 min', view({ kind: 'all' }, BASE_TS + 30 * MINUTE, BASE_TS + 90 * MINUTE)],
  ];

  it('count matches the model', () => {
    for (const [name, v] of views()) expect(count(db, v), name).toBe(model.filter((e) => inView(v, e)).length);
  });

  it('histogram buckets hold exactly the model’s events and sum to count', () => {
    for (const [name, v] of views()) {
      for (const maxBuckets of [1, 7, 120]) {
        const events = model.filter((e) => inView(v, e));
        const h = histogram(db, v, maxBuckets);
        const label = `${name}, ${maxBuckets} buckets`;
        expect(h.buckets.reduce((s, b) => s + b.count, 0), label).toBe(count(db, v));
        expect(h.buckets.length, label).toBeLessThanOrEqual(maxBuckets);
        for (const b of h.buckets) expect(b.start % h.bucketMs, label).toBe(0);
        if (events.length === 0) {
          expect(h.buckets, label).toEqual([]);
          continue;
        }
        const from = v.range.from ?? Math.min(...events.map((e) => e.ts));
        const to = v.range.to ?? Math.max(...events.map((e) => e.ts)) + 1;
        expect(h.bucketMs, label).toBe(chooseBucketMs(to - from, maxBuckets, from));
        const origin = Math.floor(from / h.bucketMs) * h.bucketMs;
        const expected = new Map<number, number>();
        for (const e of events) {
          const start = origin + Math.floor((e.ts - origin) / h.bucketMs) * h.bucketMs;
          expected.set(start, (expected.get(start) ?? 0) + 1);
        }
        expect(h.buckets, label).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]).map(([start, n]) => ({ start, count: n })));
      }
    }
  });

  it('chooseBucketMs never needs more than maxBuckets buckets from an aligned start', () => {
    const HOUR = 60 * MINUTE;
    const DAY = 24 * HOUR;
    const cases: [number, number, number][] = [
      [60 * MINUTE, 1, BASE_TS + 30 * MINUTE],
      [2 * HOUR, 2, BASE_TS + 59 * MINUTE],
      [400 * DAY, 1, BASE_TS + 7 * HOUR],
      [3 * 365 * DAY, 2, BASE_TS + DAY / 2],
      [1, 1, BASE_TS + 1],
    ];
    for (const [span, maxBuckets, from] of cases) {
      const size = chooseBucketMs(span, maxBuckets, from);
      const origin = Math.floor(from / size) * size;
      expect(Math.ceil((from + span - origin) / size), `${span} ms in ${maxBuckets}`).toBeLessThanOrEqual(maxBuckets);
    }
    expect(chooseBucketMs(59 * MINUTE, 1, BASE_TS)).toBe(HOUR);
  });

  it('topValues gives exact counts, tenant names for the tenant field, ordered by count', () => {
    const fields = [
      ['actor_email', (e: ModelEvent) => e.actorEmail],
      ['outcome', (e: ModelEvent) => e.outcome],
      ['action', (e: ModelEvent) => e.action],
      ['ip', (e: ModelEvent) => e.ip],
      ['geo_country', (e: ModelEvent) => e.geoCountry],
      ['tenant', (e: ModelEvent) => e.tenantName],
    ] as const;
    for (const [name, v] of views()) {
      const events = model.filter((e) => inView(v, e));
      for (const [field, get] of fields) {
        const expected = new Map<string | null, number>();
        for (const e of events) expected.set(get(e), (expected.get(get(e)) ?? 0) + 1);
        const label = `${name}, ${field}`;
        const all = topValues(db, v, field, 100);
        expect(all.total, label).toBe(events.length);
        expect(new Map(all.values.map((x) => [x.value, x.count])), label).toEqual(expected);
        const counts = all.values.map((x) => x.count);
        expect(counts, label).toEqual([...counts].sort((a, b) => b - a));
        const top2 = topValues(db, v, field, 2);
        expect(top2.values.map((x) => x.count), label).toEqual([...expected.values()].sort((a, b) => b - a).slice(0, 2));
      }
    }
    expect(topValues(db, view({ kind: 'all' }), 'tenant', 10).values).toEqual(
      tenants.map((t) => ({ value: t.name, count: PER_TENANT })),
    );
  });

  it('topValues refuses a field outside the list', () => {
    expect(() => topValues(db, view({ kind: 'all' }), 'raw' as never, 5)).toThrow(/Unknown field/);
  });
});

describe('query plans', () => {
  /** Runs `fn` and returns the plan of the SQL it ran on `target`, with the same parameters. */
  function planOf(target: ReadDb, fn: (d: ReadDb) => unknown): string[] {
    const captured: { sql: string; args: unknown[] }[] = [];
    const original = target.prepare.bind(target);
    const spy = new Proxy(target, {
      get(obj, prop) {
        if (prop !== 'prepare') return Reflect.get(obj, prop, obj) as unknown;
        return (sql: string) => {
          const statement = original(sql);
          return new Proxy(statement, {
            get(st, p) {
              const value = Reflect.get(st, p, st) as unknown;
              if (typeof value !== 'function') return value;
              return (...args: unknown[]) => {
                captured.push({ sql, args });
                return (value as (...a: unknown[]) => unknown).apply(st, args);
              };
            },
          });
        };
      },
    });
    fn(spy);
    // The page's own query first; a page may add one keyed lookup of its rows' annotations.
    expect(captured.length).toBeGreaterThanOrEqual(1);
    expect(captured.length).toBeLessThanOrEqual(2);
    const { sql, args } = captured[0]!;
    return (original(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
  }

  function checkPlans(target: ReadDb, label: string): void {
    const one = tenants[1]!.id;
    const cursor = { ts: BASE_TS + 45 * MINUTE, id: 200 };
    const cases: [string, View, 'newest' | 'oldest', typeof cursor | null, RegExp][] = [
      ['all tenants newest first', view({ kind: 'all' }), 'newest', null, /^(SCAN|SEARCH) e USING INDEX events_ts\b/],
      ['all tenants newest first, page 2', view({ kind: 'all' }), 'newest', cursor, /^SEARCH e USING INDEX events_ts \(ts</],
      ['one tenant newest first', view({ kind: 'tenants', tenantIds: [one] }), 'newest', null, /^SEARCH e USING INDEX events_tenant_ts \(tenant_id=\?\)/],
      ['one tenant newest first, page 2', view({ kind: 'tenants', tenantIds: [one] }), 'newest', cursor, /^SEARCH e USING INDEX events_tenant_ts \(tenant_id=\? AND ts</],
      ['a range, newest first', view({ kind: 'all' }, BASE_TS + 10 * MINUTE, BASE_TS + 50 * MINUTE), 'newest', null, /^SEARCH e USING INDEX events_ts \(ts>\? AND ts<\?\)/],
      ['a range, oldest first', view({ kind: 'all' }, BASE_TS + 10 * MINUTE, BASE_TS + 50 * MINUTE), 'oldest', null, /^SEARCH e USING INDEX events_ts \(ts>\? AND ts<\?\)/],
      ['one tenant in a range', view({ kind: 'tenants', tenantIds: [one] }, BASE_TS + 10 * MINUTE, BASE_TS + 50 * MINUTE), 'newest', null, /^SEARCH e USING INDEX events_tenant_ts \(tenant_id=\? AND ts>\? AND ts<\?\)/],
    ];
    for (const [name, v, order, after, access] of cases) {
      const plan = planOf(target, (d) => page(d, { view: v, order, after, limit: 100 }));
      const text = plan.join('\n');
      // Soft: a failure lists every view whose plan is wrong, not just the first.
      expect.soft(plan.some((line) => access.test(line)), `${label}: ${name}:\n${text}`).toBe(true);
      expect.soft(text, `${label}: ${name}`).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      // events is the outer loop: its access is the plan's first line.
      expect.soft(plan[0], `${label}: ${name}:\n${text}`).toMatch(/ e USING /);
    }
  }

  it('use an index and never sort, on the fixture workspace', () => {
    checkPlans(db, 'fixture');
  });

  // What `PRAGMA optimize` (run by closeWorkspace) recorded for a real 90,000-event workspace of
  // three tenants: it samples, so it believes each tenant has ~2,000 events. With these numbers
  // SQLite likes to loop over tenants and sort — unless the query keeps events as the outer loop.
  it('use an index and never sort, with the statistics of a 90,000-event workspace', () => {
    const big = join(tempDir(), 'big-stats.trailkeeper');
    copyFileSync(path, big);
    const plain = new Database(big);
    plain.exec('ANALYZE');
    plain.exec(`DELETE FROM sqlite_stat1 WHERE tbl IN ('event_rows', 'tenants')`);
    const stat = plain.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
    stat.run('event_rows', 'events_ts', '90000 667 1');
    stat.run('event_rows', 'events_tenant_ts', '90000 2001 286 1');
    stat.run('event_rows', 'sqlite_autoindex_event_rows_1', '90000 2001 1');
    stat.run('tenants', 'sqlite_autoindex_tenants_1', '3 3 1');
    plain.close();
    const bigDb = openWorkspaceForRead(big);
    try {
      checkPlans(bigDb, 'large statistics');
    } finally {
      bigDb.close();
    }
  });
});
