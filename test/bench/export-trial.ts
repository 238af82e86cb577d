/**
 * Issue 10's "done when", as a repeatable trial (figures, never a test): on a workspace of
 * BENCH_EVENTS simulated events (default 1,000,000; or BENCH_WORKSPACE), start the browser-mode
 * host as `npm run serve` does, and in Debian's Chromium export the whole view as CSV and as
 * NDJSON from the UI (timed from the click to "Exported N rows"); then open the CSV with Python's
 * csv module (rows counted, every row's sha256 cell a hash), verify the manifests with the
 * `trailkeeper` command line, flip one byte of the CSV and see `verify` name the file.
 * Needs `npx electron-vite build` first (out/main/serve.js).
 *
 *   node --experimental-strip-types test/bench/export-trial.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/browser.ts';
import { serveApp } from '../e2e/serve-process.ts';
import { fillWorkspace } from './lib/fill-workspace.ts';

const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'tk-export-trial-'));
const workspace = process.env.BENCH_WORKSPACE ?? join(dir, 'trial.trailkeeper');
const bin = resolve(import.meta.dirname, '../../main/cli/bin.mjs');
const fmt = (n: number) => n.toLocaleString('en-US');

try {
  if (!process.env.BENCH_WORKSPACE) await fillWorkspace(workspace, N, console.log);
  const app = await serveApp({ workspace, args: ['--no-demo'] });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(app.url);
    const { count } = await app.api['events.count']({ view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' } });
    console.log(`workspace: ${fmt(count)} events`);
    for (const format of ['csv', 'ndjson'] as const) {
      await page.getByTestId('export-open').click();
      await page.getByTestId('export-format').selectOption(format);
      const t0 = performance.now();
      await page.getByTestId('export-start').click();
      await page.getByTestId('export-done').filter({ hasText: /Exported|failed|stopped/i }).waitFor({ timeout: 600_000 });
      const seconds = (performance.now() - t0) / 1000;
      const [record] = (await app.api['exports.list']({ limit: 1 })).exports;
      console.log(`${format}: ${record!.status}, ${fmt(record!.rows)} rows, ${fmt(Math.round(record!.bytes / 2 ** 20))} MiB in ${seconds.toFixed(1)} s from the click (${fmt(Math.round(record!.rows / seconds))} rows/s), sha256 ${record!.sha256}`);
      await page.keyboard.press('Escape');
      const verify = spawnSync(process.execPath, [bin, 'verify', record!.manifestPath!], { encoding: 'utf8' });
      console.log(`  trailkeeper verify: exit ${verify.status}, ${verify.stdout.trim()}`);
      if (format !== 'csv') continue;
      const python = 'import csv,re,sys\nn=0\nbad=0\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n r=csv.reader(f); h=next(r); i=h.index("raw_sha256")\n for row in r:\n  n+=1\n  bad+= not re.fullmatch("[0-9a-f]{64}", row[i])\nprint(len(h), n, bad)';
      const [columns, rows, bad] = execFileSync('python3', ['-c', python, record!.path], { encoding: 'utf8' }).trim().split(' ').map(Number);
      console.log(`  Python csv: ${columns} columns, ${fmt(rows!)} rows (${rows === record!.rows ? 'equal to' : 'NOT equal to'} the export's), ${bad} rows without a sha256`);
      const bytes = readFileSync(record!.path);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = bytes[middle]! ^ 1;
      writeFileSync(record!.path, bytes);
      const flipped = spawnSync(process.execPath, [bin, 'verify', record!.manifestPath!], { encoding: 'utf8' });
      console.log(`  one byte flipped, trailkeeper verify: exit ${flipped.status}, ${flipped.stdout.trim()}`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
