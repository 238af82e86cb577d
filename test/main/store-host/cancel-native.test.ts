/**
 * Cancel must free a reader even while its worker is inside one long SQLite call, which
 * Worker.terminate() cannot interrupt (issue 7, item 6: after an abort at 1 s a reader ran 9 s
 * more and the next count waited for it). Two long calls from the test worker, each exactly as
 * long as the test wants: `countUntilCancelled` counts through the reader's cancel point (as
 * compiled queries do), so it stops in its own worker; `waitOnLock` sleeps in SQLite's busy
 * handler until the test lets go of a lock, with no cancel point, so its worker is set aside.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_GRACE_MS, CancelledError, MAX_ABANDONED_READERS, StoreHost, type RunOptions } from '../../../main/store-host/store-host.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { chunk, makeEvents, removeTempDirs, tempDir, tempWorkspacePath } from '../store/fixtures.ts';

const workerUrl = new URL('../../support/test-store-worker.ts', import.meta.url);
const all: View = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };
const events = makeEvents(11, 200, { prefix: 'cancel' });

let host: StoreHost;
let lock: Database.Database | null = null;
let lockPath: string;

/** Holds an exclusive lock on a scratch database: every `waitOnLock` read blocks in SQLite until released. */
function holdLock(): void {
  lockPath = join(tempDir(), 'lock.db');
  lock = new Database(lockPath);
  lock.exec('CREATE TABLE IF NOT EXISTS t (x)');
  lock.exec('BEGIN EXCLUSIVE');
}

function releaseLock(): void {
  lock?.exec('ROLLBACK');
  lock?.close();
  lock = null;
}

/** Starts a test-worker read and resolves once its worker is inside the long SQLite call. */
async function startLongRead(
  op: 'waitOnLock' | 'countUntilCancelled',
  signal: AbortSignal,
  on: StoreHost = host,
): Promise<{ outcome: Promise<string> }> {
  let inside!: () => void;
  const entered = new Promise<void>((resolve) => (inside = resolve));
  const read = on.read.bind(on) as unknown as (op: string, args: unknown, o?: RunOptions) => Promise<unknown>;
  const args = op === 'waitOnLock' ? { lockPath } : { rows: 1e9 };
  const outcome = read(op, args, { signal, onProgress: () => inside() }).then(
    () => 'finished',
    (error: unknown) => (error instanceof CancelledError ? 'cancelled' : `failed: ${String(error)}`),
  );
  await Promise.race([entered, outcome]);
  // The progress message is posted just before the call; give the worker a moment to be in it.
  await new Promise((resolve) => setTimeout(resolve, 150));
  return { outcome };
}

const within = <T>(ms: number, p: Promise<T>, what: string): Promise<T | string> =>
  Promise.race([p, new Promise<string>((resolve) => setTimeout(() => resolve(what), ms))]);

beforeAll(async () => {
  // A grace far above CANCEL_GRACE_MS: on a loaded machine a worker that does stop must never be
  // mistaken for one that does not (the `waitOnLock` tests wait it out; it is not what they time).
  host = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1, cancelGraceMs: 20 * CANCEL_GRACE_MS });
  const connectionId = await host.write('ensureConnection', { kind: 'okta', label: 'Cancel', baseUrl: null });
  const tenantId = await host.write('ensureTenant', { connectionId, tenant: { externalId: 'c', name: 'Cancel Co', groups: [] } });
  for (const part of chunk(events, 100)) await host.write('ingestBatch', { tenantId, events: part });
});

afterEach(() => releaseLock());

afterAll(async () => {
  releaseLock();
  await host?.close().catch(() => undefined);
  removeTempDirs();
});

describe('cancelling a read inside one long SQLite call', () => {
  it('a statement with cancel points stops in its own worker: no replacement, and the next count runs there', async () => {
    const controller = new AbortController();
    const counting = await startLongRead('countUntilCancelled', controller.signal);
    controller.abort();
    expect(await within(10_000, counting.outcome, 'no answer while the SQLite call ran')).toBe('cancelled');
    // One reader: this count runs only once that worker is free, and a replacement would have
    // left the old one set aside (counting to 1e9 takes minutes).
    expect(await within(10_000, host.read('count', { view: all }), 'no count: the worker did not stop')).toBe(200);
    expect(host.abandonedReaders).toBe(0);
  }, 40_000);

  it('answers the cancelled caller at once, and the next count runs while the old call still blocks', async () => {
    holdLock();
    const controller = new AbortController();
    const blocked = await startLongRead('waitOnLock', controller.signal);
    controller.abort();
    // Before the fix the caller heard nothing until the native call returned (here: never,
    // while the lock is held), and the count queued behind it on the only reader.
    expect(await within(10_000, blocked.outcome, 'no answer while the SQLite call ran')).toBe('cancelled');
    expect(await within(10_000, host.read('count', { view: all }), 'no count while the old SQLite call ran')).toBe(200);
    // The old worker is still inside its call: it was set aside after the grace, not waited for.
    expect(host.abandonedReaders).toBe(1);
    releaseLock();
    await waitFor(() => host.abandonedReaders === 0);
    expect(await host.read('count', { view: all })).toBe(200);
  }, 40_000);

  it(`starts new readers beside at most ${MAX_ABANDONED_READERS} stuck ones; past that the next read waits for one to end`, async () => {
    // No reserve here, so the cap alone decides (the reserve is the next test).
    const capped = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1, spareReader: false });
    try {
      holdLock();
      for (let i = 0; i <= MAX_ABANDONED_READERS; i++) {
        const controller = new AbortController();
        const blocked = await startLongRead('waitOnLock', controller.signal, capped);
        controller.abort();
        expect(await blocked.outcome).toBe('cancelled');
        await waitFor(() => capped.abandonedReaders === i + 1);
      }
      // No reader is left and none is started while the cap is passed: the count must wait
      // until a stuck call ends, which cannot happen before the lock is released.
      let releasedBeforeAnswer: boolean | null = null;
      let released = false;
      const counted = capped.read('count', { view: all }).then((n) => {
        releasedBeforeAnswer = released;
        return n;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(releasedBeforeAnswer).toBeNull();
      released = true;
      releaseLock();
      expect(await counted).toBe(0);
      expect(releasedBeforeAnswer).toBe(true);
      await waitFor(() => capped.abandonedReaders === 0);
    } finally {
      releaseLock();
      await capped.close();
    }
  }, 60_000);

  it('a set-aside reader is replaced by the reader kept in reserve, and a new one goes into reserve', async () => {
    // A peek at private fields (plain at runtime), as the bench does: which thread reads next.
    const peek = host as unknown as { spare: { isReady: boolean; worker: { threadId: number } } | null; readers: { worker: { threadId: number } }[] };
    await waitFor(() => peek.spare?.isReady === true);
    const reserve = peek.spare!.worker.threadId;
    holdLock();
    const controller = new AbortController();
    const blocked = await startLongRead('waitOnLock', controller.signal);
    const stuck = peek.readers[0]!.worker.threadId;
    controller.abort();
    expect(await blocked.outcome).toBe('cancelled');
    await waitFor(() => host.abandonedReaders === 1);
    expect(peek.readers.map((r) => r.worker.threadId)).toEqual([reserve]);
    expect(peek.spare?.worker.threadId).not.toBe(stuck);
    expect(peek.spare?.worker.threadId).not.toBe(reserve);
    expect(await host.read('count', { view: all })).toBe(200);
    releaseLock();
    await waitFor(() => host.abandonedReaders === 0);
  }, 40_000);

  it('a read that finished just before its abort keeps its worker', async () => {
    const controller = new AbortController();
    expect(await host.read('count', { view: all }, { signal: controller.signal })).toBe(200);
    controller.abort();
    expect(host.abandonedReaders).toBe(0);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
