/**
 * The engine against a fake source and a real store: exact sets under faults, late events in the
 * overlap window, a refusal on one tenant while the others finish, the concurrency limit,
 * Retry-After honoured, backoff bounds, cancellation, and sync_runs rows that say what happened.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../common/contract.ts';
import { backoffMs, DEFAULT_RETRY } from '../../../main/sync/engine.ts';
import { SecretStoreError } from '../../../main/secrets/secret-store.ts';
import { removeTempDirs } from '../store/fixtures.ts';
import { FakeSource, makeEvents, sha256, type SourceEvent } from './fake-source.ts';
import { instantClock, openHarness, type Harness } from './harness.ts';

const sourceSet = (events: SourceEvent[]) => new Map(events.map((e) => [e.id, sha256(e.raw)]));
let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
  removeTempDirs();
});

function runs(path: string, tenantId: number) {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT status, inserted, duplicates, error FROM sync_runs WHERE tenant_id = ? ORDER BY id').all(tenantId) as {
      status: string;
      inserted: number;
      duplicates: number;
      error: string | null;
    }[];
  } finally {
    db.close();
  }
}

describe('sync engine', () => {
  it('syncs 100,000 events with a fault every few requests: the local set equals the source set', async () => {
    const source = new FakeSource();
    const faults = ['retryable', 'truncated', 'repeat', 'retry-after'] as const;
    const events = makeEvents(100_000, { stepMs: 500 });
    source.add('big', { events, pageSize: 1000, faultAt: (n) => (n % 3 === 0 ? faults[(n / 3) % faults.length]! : null) });
    harness = await openHarness(['big']);
    const clock = instantClock();
    const engine = harness.engine(source.connector(), { clock, historyMs: Date.now() - events[0]!.ts + 1000 });
    const seen: SyncProgress[] = [];
    engine.subscribe((p) => seen.push(p));
    const tenantId = harness.tenantIds.get('big')!;
    await engine.start();
    await engine.idle();

    const local = harness.localSet(tenantId);
    expect(local.size).toBe(100_000);
    expect(local).toEqual(sourceSet(events));
    const [run] = runs(harness.path, tenantId);
    expect(run).toMatchObject({ status: 'ok', inserted: 100_000, error: null });
    expect(run!.duplicates).toBeGreaterThan(0); // the repeated pages
    // Progress arrived as it happened, and the source's Retry-After was honoured as asked.
    expect(seen.filter((p) => p.state === 'running').length).toBeGreaterThan(50);
    expect(seen.some((p) => p.state === 'waiting' && p.note?.includes('Retrying'))).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'ok', inserted: 100_000, fraction: 1 });
    expect(clock.sleeps.filter((ms) => ms >= 30 && ms <= 33).length).toBe(source.retryAfters.length);
  }, 240_000);

  it('picks up late events inside the overlap window on the next run', async () => {
    const source = new FakeSource();
    const events = makeEvents(5_000, { start: Date.now() - 5_000_000 });
    source.add('late', { events, pageSize: 500 });
    harness = await openHarness(['late']);
    const engine = harness.engine(source.connector(), { overlapMs: 10 * 60_000 });
    const tenantId = harness.tenantIds.get('late')!;
    await engine.start();
    await engine.idle();
    expect(harness.localSet(tenantId).size).toBe(5_000);

    const newest = events.at(-1)!.ts;
    const late = [
      { id: 'late-1', ts: newest - 60_000, raw: '{"uuid":"late-1","late":true}' },
      { id: 'late-2', ts: newest - 9 * 60_000, raw: '{"uuid":"late-2","late":true}' },
    ];
    for (const e of late) source.insertLate('late', e);
    await engine.start();
    await engine.idle();
    const local = harness.localSet(tenantId);
    expect(local.size).toBe(5_002);
    expect(local.get('late-1')).toBe(sha256(late[0]!.raw));
    expect(local.get('late-2')).toBe(sha256(late[1]!.raw));
    const second = runs(harness.path, tenantId)[1]!;
    expect(second).toMatchObject({ status: 'ok', inserted: 2 });
    expect(second.duplicates).toBeGreaterThan(0); // the overlap re-read, dropped by the unique key
  });

  it('a 401 on one tenant gives its sentence while the others finish', async () => {
    const source = new FakeSource();
    const a = makeEvents(3_000, { prefix: 'a' });
    const c = makeEvents(3_000, { prefix: 'c' });
    source.add('a', { events: a, pageSize: 250 });
    source.add('b', { events: makeEvents(3_000, { prefix: 'b' }), pageSize: 250, faultAt: () => 'refuse-401' });
    source.add('c', { events: c, pageSize: 250, faultAt: (n) => (n % 4 === 0 ? 'retryable' : null) });
    harness = await openHarness(['a', 'b', 'c']);
    const engine = harness.engine(source.connector(), { historyMs: Date.now() - a[0]!.ts + 1000 });
    await engine.start();
    await engine.idle();
    const ids = harness.tenantIds;
    expect(harness.localSet(ids.get('a')!)).toEqual(sourceSet(a));
    expect(harness.localSet(ids.get('c')!)).toEqual(sourceSet(c));
    expect(harness.localSet(ids.get('b')!).size).toBe(0);
    expect(runs(harness.path, ids.get('b')!)).toEqual([
      { status: 'failed', inserted: 0, duplicates: 0, error: 'Okta refused the API token (401): check it in Connections.' },
    ]);
    const rows = await harness.store.read('tenantSyncRows', {});
    const b = rows.find((r) => r.tenantId === ids.get('b'))!;
    expect(b.lastError).toBe('Okta refused the API token (401): check it in Connections.');
    expect(b.lastSuccess).toBeNull();
    expect(rows.find((r) => r.tenantId === ids.get('a'))!.lastSuccess).not.toBeNull();
    // The refusal is not retried: one request only.
    expect(source.tenants.get('b')!.requests).toBe(1);
  });

  it('keeps at most `concurrency` tenants pulling at once', async () => {
    const source = new FakeSource();
    const names = ['t1', 't2', 't3', 't4', 't5'];
    for (const n of names) source.add(n, { events: makeEvents(600, { prefix: n }), pageSize: 100, delayMs: 5 });
    harness = await openHarness(names);
    const engine = harness.engine(source.connector(), { concurrency: 2, historyMs: 10 * 365 * 86_400_000 });
    const queued = await engine.start();
    expect(queued).toHaveLength(5);
    await engine.idle();
    expect(source.maxRunning).toBe(2);
    for (const n of names) expect(harness.localSet(harness.tenantIds.get(n)!).size).toBe(600);
  });

  it('gives up after maxAttempts failures in a row, with the last sentence', async () => {
    const source = new FakeSource();
    source.add('down', { events: makeEvents(10), pageSize: 5, faultAt: () => 'retryable' });
    harness = await openHarness(['down']);
    const engine = harness.engine(source.connector(), { retry: { baseMs: 1, maxMs: 2, maxAttempts: 4 } });
    await engine.start();
    await engine.idle();
    expect(source.tenants.get('down')!.requests).toBe(4);
    expect(runs(harness.path, harness.tenantIds.get('down')!)[0]).toMatchObject({
      status: 'failed',
      error: 'Fake source answered 503 (a server error): Trailkeeper will try again.',
    });
  });

  it('cancels a run mid-way; the next run resumes from the checkpoint and ends exact', async () => {
    const source = new FakeSource();
    const events = makeEvents(4_000);
    source.add('slow', { events, pageSize: 100, delayMs: 10 });
    harness = await openHarness(['slow']);
    const engine = harness.engine(source.connector(), { historyMs: Date.now() - events[0]!.ts + 1000 });
    const tenantId = harness.tenantIds.get('slow')!;
    let cancelled = 0;
    engine.subscribe((p) => {
      if (p.state === 'running' && p.inserted >= 500 && cancelled === 0) cancelled = engine.cancel({ tenantIds: [tenantId] });
    });
    await engine.start();
    await engine.idle();
    expect(cancelled).toBe(1);
    const partial = harness.localSet(tenantId).size;
    expect(partial).toBeGreaterThanOrEqual(500);
    expect(partial).toBeLessThan(4_000);
    expect(runs(harness.path, tenantId)[0]).toMatchObject({ status: 'cancelled', inserted: partial });

    source.tenants.get('slow')!.delayMs = 0;
    await engine.start();
    await engine.idle();
    expect(harness.localSet(tenantId)).toEqual(sourceSet(events));
    expect(runs(harness.path, tenantId)[1]).toMatchObject({ status: 'ok', inserted: 4_000 - partial });
  });

  it('a queued run cancelled before its turn never starts', async () => {
    const source = new FakeSource();
    source.add('first', { events: makeEvents(300, { prefix: 'f' }), pageSize: 50, delayMs: 10 });
    source.add('second', { events: makeEvents(300, { prefix: 's' }), pageSize: 50 });
    harness = await openHarness(['first', 'second']);
    const engine = harness.engine(source.connector(), { concurrency: 1, historyMs: 10 * 365 * 86_400_000 });
    await engine.start();
    expect(engine.cancel({ tenantIds: [harness.tenantIds.get('second')!] })).toBe(1);
    await engine.idle();
    expect(source.tenants.get('second')!.requests).toBe(0);
    expect(engine.snapshot().find((p) => p.tenantId === harness!.tenantIds.get('second'))!.state).toBe('cancelled');
    expect(harness.localSet(harness.tenantIds.get('first')!).size).toBe(300);
  });

  it('says which tenant has no secret instead of pulling', async () => {
    const source = new FakeSource();
    source.add('nosecret', { events: makeEvents(10), pageSize: 5 });
    harness = await openHarness(['nosecret']);
    const engine = harness.engine(source.connector(), { credentials: async () => null });
    await engine.start();
    await engine.idle();
    expect(runs(harness.path, harness.tenantIds.get('nosecret')!)[0]).toMatchObject({
      status: 'failed',
      error: 'No secret is stored for fake: enter it in Connections.',
    });
  });
});

describe('a locked key store', () => {
  it('fails the run with the key store\'s own sentence', async () => {
    const source = new FakeSource();
    source.add('locked', { events: makeEvents(10), pageSize: 5 });
    harness = await openHarness(['locked']);
    const locked = 'The secrets file is locked: enter your passphrase in Connections to unlock it for this session.';
    const engine = harness.engine(source.connector(), {
      credentials: () => Promise.reject(new SecretStoreError(locked)),
    });
    await engine.start();
    await engine.idle();
    expect(runs(harness.path, harness.tenantIds.get('locked')!)[0]).toMatchObject({ status: 'failed', error: locked });
    expect(source.tenants.get('locked')!.requests).toBe(0);
  });
});

describe('backoff', () => {
  it('grows exponentially with equal jitter and stops at the ceiling', () => {
    const policy = { ...DEFAULT_RETRY, baseMs: 1_000, maxMs: 8_000 };
    expect(backoffMs(1, policy, () => 0)).toBe(500);
    expect(backoffMs(1, policy, () => 0.999999)).toBe(1_000);
    expect(backoffMs(3, policy, () => 0)).toBe(2_000);
    expect(backoffMs(10, policy, () => 0)).toBe(4_000);
    expect(backoffMs(10, policy, () => 0.999999)).toBe(8_000);
  });
});

describe('interval sync', () => {
  it('starts a tenant whose interval has passed, and not again before the next interval', async () => {
    const source = new FakeSource();
    source.add('timed', { events: makeEvents(50), pageSize: 25 });
    source.add('manual', { events: makeEvents(50, { prefix: 'm' }), pageSize: 25 });
    harness = await openHarness(['timed', 'manual']);
    let now = Date.UTC(2026, 0, 1);
    const clock = { now: () => now, sleep: instantClock().sleep };
    const engine = harness.engine(source.connector(), { clock, historyMs: 10 * 365 * 86_400_000 });
    await harness.store.write('setSyncInterval', { tenantId: harness.tenantIds.get('timed')!, minutes: 15 });
    expect(await engine.tick()).toEqual([harness.tenantIds.get('timed')]);
    await engine.idle();
    now += 10 * 60_000;
    expect(await engine.tick()).toEqual([]);
    now += 6 * 60_000;
    expect(await engine.tick()).toEqual([harness.tenantIds.get('timed')]);
    await engine.idle();
    expect(source.tenants.get('manual')!.requests).toBe(0);
  });
});
