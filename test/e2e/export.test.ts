/**
 * Issue 10 in Chromium: hide columns, export the view on screen as CSV from the UI, see it in the
 * history with its row count and sha256, download it through the browser's download manager by a
 * single-use link (the bytes hash to that sha256, the header has exactly the table's columns, the
 * link carries no token and opens nothing twice), and verify it from the UI and from the manifest.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExport } from '../../main/export/verify-manifest.ts';
import { StoreHost } from '../../main/store-host/store-host.ts';
import { fillWorkspace, workerUrl } from '../main/export/export-fixture.ts';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';

describe('export from the UI', () => {
  let dir: string;
  let app: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tk-e2e-export-'));
    const workspace = join(dir, 'workspace.trailkeeper');
    const store = await StoreHost.open({ workspacePath: workspace, workerUrl });
    try {
      await fillWorkspace(store, 3000);
    } finally {
      await store.close();
    }
    browser = await launchChromium();
    app = await serveApp({ workspace, args: ['--no-demo'] });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the current view as CSV, lists it with rows and sha256, downloads and verifies it', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    // The view on screen: one person's events.
    await page.getByTestId('query-input').fill('actor:alice@acme.test');
    await page.getByTestId('query-input').press('Enter');
    const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: 'actor:alice@acme.test' };
    const { count } = await app.api['events.count']({ view });
    expect(count).toBeGreaterThan(100);
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    // The table without Target and IP: the CSV follows it.
    await page.getByTestId('column-chooser-toggle').click();
    await page.locator('[data-testid="column-option"][data-column="target"] input').uncheck();
    await page.locator('[data-testid="column-option"][data-column="ip"] input').uncheck();
    await page.keyboard.press('Escape');
    const headings = await page.locator('[role="columnheader"]').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-column')));
    expect(headings).toEqual(['time', 'tenant', 'action', 'actor', 'outcome']);
    const header = ['id', 'tenant_id', 'tenant', 'ts', 'action', 'actor_name', 'actor_email', 'actor_id', 'outcome', 'raw_sha256'];

    await page.getByTestId('export-open').click();
    await page.getByTestId('export-format').selectOption('csv');
    expect(await page.getByTestId('export-raw').isChecked()).toBe(false);
    expect(await page.getByTestId('export-csv-columns').locator('code').textContent()).toBe(header.join(', '));
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-done').textContent(), { timeout: 60_000 }).toMatch(new RegExp(`Exported ${count.toLocaleString('en-US')} rows`));

    const [record] = (await app.api['exports.list']({ limit: 1 })).exports;
    expect(record).toMatchObject({ status: 'ok', format: 'csv', rows: count });
    expect(record!.name).toMatch(/^trailkeeper-all-\d{8}T\d{6}Z\.csv$/);
    const row = page.locator(`[data-testid="export-history-row"][data-export-id="${record!.id}"]`);
    await expect.poll(() => row.getByTestId('export-sha256').textContent(), { timeout: 10_000 }).toBe(record!.sha256);
    expect((await row.getByTestId('export-rows').textContent())?.replace(/\D/g, '')).toBe(String(count));

    const downloading = page.waitForEvent('download');
    await row.getByTestId('export-download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(record!.name);
    // Streamed by the browser from a single-use link: no token in it, and it opens nothing twice.
    expect(download.url()).toMatch(new RegExp(`/download\\?id=${record!.id}&file=data&ticket=[\\w-]+$`));
    expect(download.url()).not.toContain(app.token);
    expect((await fetch(download.url())).status).toBe(404);
    const saved = join(dir, 'saved.csv');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record!.sha256);
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(header.join(','));
    expect(lines.filter((l) => /^\d+,\d+,.*,[0-9a-f]{64}$/.test(l))).toHaveLength(count);

    await row.getByTestId('export-verify').click();
    await expect.poll(() => row.getByTestId('export-verdict').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^matches \\(1 file, ${count.toLocaleString('en-US')} events checked\\)`));
    expect(verifyExport(record!.manifestPath!)).toMatchObject({ ok: true, filesChecked: 1 });
    expect(errors).toEqual([]);
  });
});
