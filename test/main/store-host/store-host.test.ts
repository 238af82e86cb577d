import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, StoreHost, type RunOptions } from '../../../main/store-host/store-host.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { chunk, makeEvents, removeTempDirs, tempDir, tempWorkspacePath } from '../store/fixtures.ts';

// The production op tables plus `spin`, a read that runs until its worker is stopped.
const workerUrl = new URL('../../support/test-store-worker.ts', import.meta.url);
const spin = (ms: number, opts?: RunOptions) =>
  (host.read as unknown as (op: string, args: unknown, o?: RunOptions) => Promise<unknown>)('spin', { ms }, opts);
const all: View = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };

let path: string;
let host: StoreHost;
let tenantId: number;
const events = makeEvents(77, 300, { prefix: 'host' });

beforeAll(async () => {
  path = tempWorkspacePath();
  // One reader: a cancelled read must be followed by a read on a replacement worker.
  host = await StoreHost.open({ workspacePath: path, workerUrl, readers: 1 });
});

afterAll(async () => {
  await host?.close().catch(() => undefined);
  removeTempDirs();
});

describe('the store under Node type stripping', () => {
  it('every main/store and main/store-worker module loads in plain Node, as the worker, bench and crash child run them', () => {
    const dir = fileURLToPath(new URL('../../../main/store', import.meta.url));
    const workerDir = fileURLToPath(new URL('../../../main/store-worker', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => pathToFileURL(join(dir, f)).href);
    // The entry and the loop only run inside a worker thread; the StoreHost tests below load them there.
    files.push(
      ...readdirSync(workerDir)
        .filter((f) => f.endsWith('.ts') && f !== 'entry.ts' && f !== 'run-worker.ts')
        .map((f) => pathToFileURL(join(workerDir, f)).href),
    );
    files.push(...readdirSync(join(dir, 'migrations')).map((f) => pathToFileURL(join(dir, 'migrations', f)).href));
    expect(files.length).toBeGreaterThan(10);
    const code = `for (const f of ${JSON.stringify(files)}) await import(f);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 20_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('StoreHost', () => {
  it('writes through the writer worker', async () => {
    const connectionId = await host.write('ensureConnection', { kind: 'okta', label: 'Acme', baseUrl: null });
    expect(connectionId).toBe(1);
    expect(await host.write('ensureConnection', { kind: 'okta', label: 'Acme', baseUrl: null })).toBe(connectionId);
    tenantId = await host.write('ensureTenant', { connectionId, tenant: { externalId: 'acme', name: 'Acme Corp', groups: ['eu'] } });
    const results = await Promise.all(
      chunk(events, 100).map((part, i) =>
        host.write('ingestBatch', { tenantId, events: part, checkpoint: { cursor: `c${i}`, highWater: i } }),
      ),
    );
    expect(results.map((r) => r.inserted)).toEqual([100, 100, 100]);
    // Writes ran in submission order: the chain links batch to batch.
    expect(results.map((r) => r.batchId)).toEqual([1, 2, 3]);
    const again = await host.write('ingestBatch', { tenantId, events: events.slice(0, 10) });
    expect(again).toMatchObject({ inserted: 0, duplicates: 10 });
  });

  it('a failing write rejects with its message and later writes still run', async () => {
    await expect(host.write('ingestBatch', { tenantId: 4242, events: events.slice(0, 1) })).rejects.toThrow(/Tenant 4242 does not exist/);
    expect(await host.write('setRetention', { tenantId, days: 90 })).toBeUndefined();
  });

  it('reads pages, counts and tenants through the reader pool', async () => {
    expect(await host.read('totalEvents', {} as never)).toBe(300);
    expect(await host.read('count', { view: all })).toBe(300);
    const first = await host.read('page', { view: all, order: 'newest', after: null, limit: 120 });
    expect(first.rows).toHaveLength(120);
    const second = await host.read('page', { view: all, order: 'newest', after: first.next, limit: 200 });
    expect(second.rows).toHaveLength(180);
    expect(second.next).toBeNull();
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(300);
    expect(first.rows[0]!.ts).toBe(Math.max(...events.map((e) => e.ts)));
    const { tenants } = await host.read('tenants', {} as never);
    expect(tenants).toEqual([expect.objectContaining({ id: tenantId, name: 'Acme Corp', eventCount: 300, retentionDays: 90 })]);
    expect(await host.read('verify', {})).toMatchObject({ ok: true, eventsChecked: 300, batchesChecked: 3 });
  });

  it('a cancelled read rejects with CancelledError within 1 s, and the next read runs on a new worker', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const spinning = spin(30_000, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(spinning).rejects.toBeInstanceOf(CancelledError);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(90);
    expect(took).toBeLessThan(1_100);
    // The only reader was terminated; this read needs its replacement.
    expect(await host.read('count', { view: all })).toBe(300);
  });

  it('a read whose signal is already aborted never starts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(spin(30_000, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(await host.read('count', { view: all })).toBe(300);
  });

  it('a read cancelled while it waits for a busy reader rejects at once and never runs', async () => {
    const busy = spin(600);
    const controller = new AbortController();
    const queued = spin(30_000, { signal: controller.signal });
    const outcome = queued.then(
      () => 'finished',
      (error: unknown) => (error instanceof CancelledError ? 'cancelled' : `failed: ${String(error)}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const abortedAt = Date.now();
    controller.abort();
    const result = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still running'), 2_000))]);
    expect(result).toBe('cancelled');
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    // The busy read was not disturbed, and the reader is free again afterwards.
    expect(await busy).toBe('finished');
    expect(await host.read('count', { view: all })).toBe(300);
  }, 40_000);

  it('reads queue behind a busy reader and run in order', async () => {
    const results = await Promise.all([
      spin(150),
      host.read('count', { view: all }),
      host.read('count', { view: { ...all, query: 'outcome:failure' } }),
    ]);
    expect(results[0]).toBe('finished');
    expect(results[1]).toBe(300);
    expect(results[2]).toBe(events.filter((e) => e.outcome === 'failure').length);
  });

  it('a query syntax error surfaces as QuerySyntaxError with its column', async () => {
    let caught: unknown;
    try {
      await host.read('page', { view: { ...all, query: 'outcome:failure AND (actor:bob' }, order: 'newest', after: null, limit: 10 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('QuerySyntaxError');
    expect((caught as { column?: number }).column).toEqual(expect.any(Number));
    expect((caught as { column: number }).column).toBeGreaterThan(1);
    // The reader survives it.
    expect(await host.read('count', { view: all })).toBe(300);
  });

  it('a query over a cost limit is refused by the reader as QuerySyntaxError at its column, before any SQL', async () => {
    const refused = host.read('count', { view: { ...all, query: 'outcome:failure a*' } });
    await expect(refused).rejects.toMatchObject({ name: 'QuerySyntaxError', kind: 'query_syntax', column: 17 });
    await expect(refused).rejects.toThrow(/too short for a prefix search/);
    expect(await host.read('count', { view: all })).toBe(300);
  });

  it('close() leaves a file that reopens and passes quick_check', async () => {
    await host.close();
    expect(statSync(path).size).toBeGreaterThan(0);
    // The writer checkpointed and truncated its WAL on the way out.
    if (existsSync(`${path}-wal`)) expect(statSync(`${path}-wal`).size).toBe(0);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 300 });
    } finally {
      db.close();
    }
    // And a new host opens it again.
    host = await StoreHost.open({ workspacePath: path, workerUrl, readers: 1 });
    expect(await host.read('count', { view: all })).toBe(300);
  });

  it('refuses to open a file that is not a workspace, with the reason, and starts no readers', async () => {
    const bad = join(tempDir(), 'not-a-workspace.db');
    writeFileSync(bad, 'hello, I am a text file'.repeat(100));
    const failure = StoreHost.open({ workspacePath: bad, workerUrl, readers: 1 });
    await expect(failure).rejects.toMatchObject({ name: 'WorkspaceError' });
    await expect(failure).rejects.toThrow(/not a SQLite database/);
  });
});

describe('StoreHost after close and on a worker crash', () => {
  it('refuses reads and writes once closed, with a sentence', async () => {
    const host = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1 });
    await host.close();
    await expect(host.read('totalEvents', undefined)).rejects.toThrow('The workspace is closed.');
    await expect(host.write('purgeExpired', { now: 0 })).rejects.toThrow('The workspace is closed.');
    await host.close(); // closing twice is harmless
  });

  it('a crashed writer fails later writes with a sentence, and close() still returns', async () => {
    const host = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1 });
    // Stand-in for a crash: the writer thread dies without the host asking it to.
    await (host as unknown as { writer: { worker: { terminate(): Promise<number> } } }).writer.worker.terminate();
    await expect(host.write('purgeExpired', { now: 0 })).rejects.toThrow('The SQLite writer stopped unexpectedly');
    await expect(host.read('totalEvents', undefined)).resolves.toBe(0); // reads still work
    await host.close();
  });
});
