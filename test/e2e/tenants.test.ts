/**
 * The Tenants screen in browser mode on the demo workspace, as a user drives it: a shorter
 * retention shows how many events it removes, and confirming drops the tenant's count by exactly
 * that number (the store agrees); "Check integrity" over all tenants ends with every batch and
 * event checked. Screenshots in light and dark are kept as artifacts.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveDemo, type ServedApp } from './serve-process.ts';

const artifacts = resolve(import.meta.dirname, '../../test-results');
const DAY = 86_400_000;

describe('Tenants screen in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    app = await serveDemo();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(app.url);
    await page.getByTestId('event-row').first().waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a shorter retention shows how many events it removes; confirming drops the count by exactly that', async () => {
    // Reached from the Ctrl+K palette, by keyboard.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Tenant or group name' }).fill('retention');
    await page.keyboard.press('Enter');
    await page.getByTestId('tenants-screen').waitFor();

    const { tenants } = await app.api['tenants.list']({});
    const tenant = [...tenants].sort((a, b) => b.eventCount - a.eventCount)[0]!;
    const days = Math.max(1, Math.ceil((Date.now() - tenant.oldestTs!) / DAY / 2));
    const row = page.locator(`[data-testid="tenant-row"][data-tenant-id="${tenant.id}"]`);
    const shownCount = () => row.getByTestId('tenant-event-count').getAttribute('data-count').then(Number);
    expect(await shownCount()).toBe(tenant.eventCount);

    await row.getByTestId('retention-days').fill(String(days));
    await row.getByTestId('retention-days').press('Enter');
    const text = page.getByTestId('retention-confirm-text');
    await text.waitFor();
    const removes = Number(await text.getAttribute('data-removes'));
    expect(removes).toBeGreaterThan(0);
    expect(removes).toBeLessThan(tenant.eventCount);
    expect(await text.textContent()).toContain(`This will remove ${removes.toLocaleString('en-US')} events older than`);
    await page.screenshot({ path: resolve(artifacts, 'tenants-retention-confirm.png') });

    await page.getByTestId('retention-confirm-ok').click();
    await expect.poll(shownCount, { timeout: 15_000 }).toBe(tenant.eventCount - removes);
    const after = (await app.api['tenants.list']({})).tenants.find((t) => t.id === tenant.id)!;
    expect(after).toMatchObject({ eventCount: tenant.eventCount - removes, retentionDays: days });
    const { count } = await app.api['events.count']({ view: { scope: { kind: 'tenants', tenantIds: [tenant.id] }, range: { from: null, to: null }, query: '' } });
    expect(count).toBe(tenant.eventCount - removes);
    expect(await page.getByTestId('tenants-notice').textContent()).toContain(`${removes.toLocaleString('en-US')} events removed now`);
  });

  it('Check integrity over all tenants ends with every batch and event checked', async () => {
    await page.getByTestId('integrity-scope').selectOption('all');
    await page.getByTestId('integrity-start').click();
    const result = page.getByTestId('integrity-result');
    await result.waitFor({ timeout: 60_000 });
    const verdict = await app.api['integrity.verify']({});
    expect(verdict.ok).toBe(true);
    expect(await result.textContent()).toMatch(
      new RegExp(`^All ${verdict.batchesChecked.toLocaleString('en-US')} batches and ${verdict.eventsChecked.toLocaleString('en-US')} events checked: no break found`),
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: resolve(artifacts, `tenants-${scheme}.png`) });
    }
    expect(consoleErrors).toEqual([]);
  });
});
