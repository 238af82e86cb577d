/**
 * Export benchmark (issue 10, docs/design.md §7: 1,000,000 rows to CSV in ≤ 10 s, RSS flat and
 * ≤ 300 MiB). Fills a temporary workspace with BENCH_EVENTS simulated Okta events (default
 * 1,000,000; as an initial sync of 50 tenants writes them), or uses BENCH_WORKSPACE, then exports
 * the whole view, newest first, in each format, each in a fresh process (test/bench/export-one.ts)
 * through the real store host (reader worker, keyset pages, hashing, manifest), so the peak RSS
 * printed is the export's own. Figures only, never a test.
 *
 * The yardstick, measured in the same run: reading the same rows in the same order with the same
 * columns and nothing else (no formatting, hashing or writing). "× scan" is an export's time over
 * that, so runs on different machines can be compared.
 *
 *   node --experimental-strip-types test/bench/export.ts
 *   BENCH_EVENTS=100000 node --experimental-strip-types test/bench/export.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { EXPORT_FORMATS } from '../../common/contract.ts';
import { ROW_SELECT } from '../../main/store/event-columns.ts';
import { fillWorkspace } from './lib/fill-workspace.ts';

const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const MiB = 1024 * 1024;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const dir = mkdtempSync(join(tmpdir(), 'tk-bench-export-'));
const workspacePath = process.env.BENCH_WORKSPACE ?? join(dir, 'bench.trailkeeper');

/** The floor: the export's own query, every row read, nothing done with it. */
function scanSeconds(path: string): number {
  const db = new Database(path, { readonly: true });
  db.pragma('cache_size = -65536');
  const stmt = db.prepare(`SELECT ${ROW_SELECT}, e.raw, e.raw_sha256 FROM events e CROSS JOIN tenants t ON t.id = e.tenant_id ORDER BY e.ts DESC, e.id DESC`).raw(true);
  const t0 = performance.now();
  for (const _row of stmt.iterate());
  db.close();
  return (performance.now() - t0) / 1000;
}

interface One {
  rows: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  rssStart: number;
  rssAtTenth: number | null;
  peak: number;
}

try {
  console.log(`Export bench: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (!process.env.BENCH_WORKSPACE) {
    const t0 = performance.now();
    await fillWorkspace(workspacePath, N);
    console.log(`filled ${fmt(N)} simulated Okta events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  scanSeconds(workspacePath); // warm the OS page cache, as the exports that follow find it
  const scan = scanSeconds(workspacePath);
  console.log(`yardstick: the export's query alone, every row read: ${scan.toFixed(2)} s\n`);
  console.log('format        rows        seconds  rows/s     × scan  CPU s   MiB out  RSS MiB: start  at 10 %  peak');
  const runs: [string, string, string?][] = [...EXPORT_FORMATS.map((f) => [f, f] as [string, string]), ['csv + raw', 'csv', 'csv-raw']];
  for (const [label, format, option] of runs) {
    const out = join(dir, `bench-${label.replace(/\W+/g, '-')}.${format}`);
    const line = execFileSync(
      process.execPath,
      ['--experimental-strip-types', fileURLToPath(new URL('./export-one.ts', import.meta.url)), workspacePath, format, out, ...(option ? [option] : [])],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim().split('\n').at(-1)!;
    const r = JSON.parse(line) as One;
    console.log(
      `${label.padEnd(13)} ${fmt(r.rows).padEnd(11)} ${r.seconds.toFixed(2).padEnd(8)} ${fmt(r.rows / r.seconds).padEnd(10)} ${(r.seconds / scan).toFixed(1).padEnd(7)}` +
        `${r.cpuSeconds.toFixed(1).padEnd(8)}${fmt(r.bytes / MiB).padEnd(9)}${fmt(r.rssStart / MiB).padStart(14)}  ${fmt((r.rssAtTenth ?? 0) / MiB).padStart(7)}  ${fmt(r.peak / MiB).padStart(4)}`,
    );
    rmSync(out, { recursive: true, force: true });
    rmSync(`${out}.manifest.json`, { force: true });
  }
  console.log('\nTargets (docs/design.md §7): CSV of 1,000,000 rows ≤ 10 s; peak RSS ≤ 300 MiB and flat (at 10 % ≈ peak).');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
