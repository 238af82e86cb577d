/**
 * "Check integrity" on a workspace someone edited behind Trailkeeper's back: a progress bar while
 * verify walks 150,000 events, then the first break named by tenant, batch and event, as the
 * store's own verify names it; "Show event" opens that event.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';
import { writeLargeWorkspace } from './workspace-fixture.ts';

const artifacts = resolve(import.meta.dirname, '../../test-results');
const EVENTS = 150_000;

describe('an integrity break in the browser', () => {
  let dir: string;
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  let tamperedId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tk-e2e-break-'));
    const workspace = join(dir, 'tampered.trailkeeper');
    writeLargeWorkspace(workspace, EVENTS);
    // An edit outside Trailkeeper, late in the chain: verify must walk most of it first.
    const plain = new Database(workspace);
    tamperedId = (plain.prepare('SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET 100').get() as { id: number }).id;
    plain.prepare("UPDATE event_raw SET raw = raw || ' ' WHERE id = ?").run(tamperedId);
    plain.close();
    app = await serveApp({ workspace, args: ['--no-demo'] });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(app.url);
    await page.getByTestId('event-row').first().waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows progress, then names the first break as the store does, and opens the broken event', async () => {
    // The button toggles: click it only from another screen (a retried test may already be here).
    if ((await page.getByTestId('tenants-screen').count()) === 0) await page.getByTestId('tenants-open').click();
    await page.getByTestId('integrity-start').click();
    const progress = page.getByTestId('integrity-progress');
    await progress.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => progress.locator('xpath=..').textContent(), { timeout: 30_000 })
      .toMatch(/^Checked [\d,]+ of 15 batches and [\d,]+ of 150,000 events…$/);
    const result = page.getByTestId('integrity-result');
    await result.waitFor({ timeout: 120_000 });
    const verdict = await app.api['integrity.verify']({});
    const found = verdict.firstBreak!;
    expect(found).toMatchObject({ kind: 'event', eventId: tamperedId });
    const tenant = (await app.api['tenants.list']({})).tenants.find((t) => t.id === found.tenantId)!;
    expect(found.detail).toBe(`event ${tamperedId}: its raw text no longer matches the sha256 recorded at ingest`);
    expect(await result.textContent()).toBe(`First break in ${tenant.name}, batch ${found.batchId}, event ${tamperedId}: its raw text no longer matches the sha256 recorded at ingest.`);
    await page.screenshot({ path: resolve(artifacts, 'tenants-integrity-break.png') });

    await page.getByTestId('integrity-show-break').click();
    await expect.poll(() => page.getByTestId('event-detail').textContent(), { timeout: 30_000 }).toContain(tenant.name);
    await expect.poll(() => page.getByTestId('scope-picker').locator('option:checked').textContent()).toContain(tenant.name);
  });
});
