/**
 * Light and dark follow the OS (prefers-color-scheme) across the main screens: the events with
 * the histogram and the raw viewer (Monaco switches too, live), Connections and Tenants. Each
 * probed element's background is light in light and dark in dark, with text at a contrast of at
 * least 4.5:1. Screenshots of both kept as artifacts.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from './browser.ts';
import { CONTRAST_PROBE } from './color-scheme-probe.ts';
import { serveApp, type ServedApp } from './serve-process.ts';

const artifacts = resolve(import.meta.dirname, '../../test-results');
type Probe = { selector: string; text: string; background: number; ratio: number };

const EVENTS_SELECTORS = ['body', '.top-bar .app-name', '.top-bar button.control', '.event-row', '.event-header', '.field-sidebar', '.detail-panel'];
const TENANTS_SELECTORS = ['.tenants-screen h2', '.tenants-table th', '.tenants-table td', '.group-chip', '.integrity-result'];
const CONNECTIONS_SELECTORS = ['.connections-screen h2', '.keystore'];

describe('light and dark themes follow the OS', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    app = await serveApp();
    await vi.waitFor(async () => expect((await app.api['app.info']({})).demoLoad?.state).toBe('done'), { timeout: 60_000, interval: 250 });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' })).newPage();
    await page.goto(app.url);
    await page.getByTestId('event-row').first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const probe = (selectors: string[]) => page.evaluate(`(${CONTRAST_PROBE})(${JSON.stringify(selectors)})`) as Promise<Probe[]>;
  const expectScheme = (found: Probe[], scheme: 'light' | 'dark', selectors: string[]) => {
    expect(found.map((p) => p.selector)).toEqual(selectors);
    for (const p of found) {
      expect({ ...p, light: p.background > 0.5 }).toMatchObject({ light: scheme === 'light' });
      expect(p.ratio, `${p.selector} ("${p.text}") contrast in ${scheme}`).toBeGreaterThanOrEqual(4.5);
    }
  };

  it('the events, the raw viewer, Connections and Tenants are light in light and dark in dark', async () => {
    await page.getByTestId('event-row').nth(1).click();
    const editor = page.getByTestId('event-detail').locator('.monaco-editor');
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('sync-status').waitFor();
      await expect.poll(() => editor.getAttribute('class')).toMatch(scheme === 'light' ? /\bvs\b/ : /\bvs-dark\b/);
      expectScheme(await probe(EVENTS_SELECTORS), scheme, EVENTS_SELECTORS);
      await page.screenshot({ path: resolve(artifacts, `events-${scheme}.png`) });

      await page.getByTestId('sync-status').click();
      await page.getByTestId('connections-screen').waitFor();
      expectScheme(await probe(CONNECTIONS_SELECTORS), scheme, CONNECTIONS_SELECTORS);
      await page.screenshot({ path: resolve(artifacts, `connections-${scheme}.png`) });

      await page.getByTestId('tenants-open').click();
      await page.getByTestId('tenants-screen').waitFor();
      await page.getByTestId('integrity-start').click();
      await page.getByTestId('integrity-result').waitFor({ timeout: 60_000 });
      expectScheme(await probe(TENANTS_SELECTORS), scheme, TENANTS_SELECTORS);
      await page.screenshot({ path: resolve(artifacts, `tenants-screen-${scheme}.png`) });
      await page.getByTestId('tenants-open').click();
      await page.getByTestId('event-row').first().waitFor();
      await page.getByTestId('event-row').nth(1).click();
      await editor.waitFor({ state: 'visible', timeout: 30_000 });
    }
  });
});
