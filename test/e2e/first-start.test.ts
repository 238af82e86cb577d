/**
 * First start on an empty workspace: the page opens while the demo loads behind it, and when the
 * load is done every tenant and its rows appear without a reload.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';

describe('first start', () => {
  let app: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await serveApp();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens while the demo loads, then shows every demo tenant and its rows without a reload', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    // The progress line's wording and timing are covered by test/renderer/components/BackgroundStatus.test.tsx:
    // here the load may end before the page's first poll, and the rows must arrive either way.

    await expect.poll(async () => (await app.api['app.info']({})).demoLoad?.state, { timeout: 60_000 }).toBe('done');
    const body = await app.api['tenants.list']({});
    expect(body.tenants.length).toBe(4);
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    // The list reloads on the status poll after the load ends (every 400 ms while loading, then 3 s).
    const options = () => page.locator('[data-testid="scope-picker"] option').allTextContents();
    for (const tenant of body.tenants) {
      await expect.poll(async () => (await options()).join('\n'), { timeout: 15_000 }).toContain(tenant.name);
    }
    await expect.poll(() => page.getByTestId('demo-load-status').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
