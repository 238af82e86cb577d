/**
 * One export in a fresh process, for test/bench/export.ts: the process holds only what the app's
 * export holds (StoreHost, its reader worker, SQLite), so its peak RSS is the export's. Prints one
 * JSON line: rows, bytes, seconds, CPU seconds, RSS at start, at 10 % of the rows and at the peak.
 *
 *   node --experimental-strip-types test/bench/export-one.ts WORKSPACE FORMAT OUT [csv-raw]
 */
import { pathToFileURL } from 'node:url';
import { StoreHost } from '../../main/store-host/store-host.ts';
import type { ExportFormat } from '../../main/export/formats.ts';

const [workspacePath, format, out, option] = process.argv.slice(2) as [string, ExportFormat, string, string | undefined];
const workerUrl = pathToFileURL(new URL('../../main/store-worker/entry.ts', import.meta.url).pathname);
const store = await StoreHost.open({ workspacePath, workerUrl, readers: 1 });
const total = await store.read('count', { view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' } });
const rssStart = process.memoryUsage().rss;
let peak = rssStart;
let rssAtTenth: number | null = null;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await store.read(
  'exportView',
  {
    view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' },
    order: 'newest',
    format,
    fields: false,
    ...(option === 'csv-raw' ? { raw: true } : {}),
    path: out,
    appVersion: 'bench',
  },
  {
    onProgress: (p) => {
      if (rssAtTenth === null && (p as { rows: number }).rows >= total / 10) rssAtTenth = process.memoryUsage().rss;
    },
  },
);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await store.close();
console.log(JSON.stringify({ rows: result.rows, bytes: result.bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssStart, rssAtTenth, peak }));
