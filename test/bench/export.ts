/**
 * Export benchmark (issue 10, docs/design.md §7: 1,000,000 rows to CSV in ≤ 10 s, RSS flat and ≤ 300 MiB):
 * fills a temporary workspace with BENCH_EVENTS generated events (default 1,000,000), then
 * exports the whole view in each format through the real store host (reader worker, keyset
 * pages, hashing, manifest) and prints rows/s and the process's peak RSS while it ran (worker
 * threads share the process, so this is the whole app's memory). A figure, never a test.
 *
 *   node --experimental-strip-types test/bench/export.ts           # 1,000,000 rows
 *   BENCH_EVENTS=100000 node --experimental-strip-types test/bench/export.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS } from '../../common/contract.ts';
import { StoreHost } from '../../main/store-host/store-host.ts';
import { makeEvents } from '../main/store/fixtures.ts';

const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'tk-bench-export-'));
const workspacePath = join(dir, 'bench.trailkeeper');
const store = await StoreHost.open({ workspacePath, workerUrl: new URL('../../main/store-worker/entry.ts', import.meta.url) });

try {
  const connectionId = await store.write('ensureConnection', { kind: 'okta', label: 'Bench', baseUrl: null });
  const tenantId = await store.write('ensureTenant', { connectionId, tenant: { externalId: 'bench', name: 'Bench', groups: [] } });
  const fillStart = performance.now();
  for (let done = 0, chunk = 0; done < N; chunk++) {
    const n = Math.min(20_000, N - done);
    const events = makeEvents(1000 + chunk, n, { prefix: `c${chunk}`, minutes: 60 * 24 * 365 });
    for (let i = 0; i < events.length; i += 5000) await store.write('ingestBatch', { tenantId, events: events.slice(i, i + 5000) });
    done += n;
  }
  console.log(`filled ${N.toLocaleString('en-US')} events in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);
  const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };
  // The baseline: what filling left behind in this process (the generated events, SQLite caches).
  console.log(`RSS before exporting: ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`);
  console.log('format   rows        seconds  rows/s      MiB      peak RSS MiB');
  for (const format of EXPORT_FORMATS) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const path = join(dir, `bench.${format}`);
    const start = performance.now();
    const result = await store.read('exportView', { view, order: 'newest', format, fields: false, path, appVersion: 'bench' });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `${format.padEnd(8)} ${String(result.rows).padEnd(11)} ${seconds.toFixed(2).padEnd(8)} ${Math.round(result.rows / seconds).toLocaleString('en-US').padEnd(11)} ${(result.bytes / MiB).toFixed(0).padEnd(8)} ${(peak / MiB).toFixed(0)}`,
    );
    rmSync(path, { force: true, recursive: true });
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
