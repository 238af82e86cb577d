/**
 * Light and dark follow the OS (prefers-color-scheme) across the main screens: the events with
 * the histogram and the raw viewer (Monaco switches too, live), Connections and Tenants. Each
 * probed element's background is light in light and dark in dark, with text at a contrast of at
 * least 4.5:1. Screenshots of both kept as artifacts.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { CONTRAST_PROBE } from './color-scheme-probe.ts';
import { serveDemo, type ServedApp } from './serve-process.ts';

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
    app = await serveDemo();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' })).newPage();
    await page.goto(app.url);
    await page.getByTestId('event-row').first().waitFor({ timeout: 60_000 });
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

  const schemes = ['light', 'dark'] as const;

  it('the events and the raw viewer (Monaco switches live) are light in light and dark in dark', async () => {
    await page.getByTestId('event-row').nth(1).click({ timeout: 60_000 });
    const editor = page.getByTestId('event-detail').locator('.monaco-editor');
    await editor.waitFor({ state: 'visible', timeout: 60_000 });
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => editor.getAttribute('class'), { timeout: 15_000 }).toMatch(scheme === 'light' ? /\bvs\b/ : /\bvs-dark\b/);
      expectScheme(await probe(EVENTS_SELECTORS), scheme, EVENTS_SELECTORS);
      await page.screenshot({ path: resolve(artifacts, `events-${scheme}.png`) });
    }
  });

  it('Connections is light in light and dark in dark', async () => {
    // The button toggles: click it only from another screen (a retried test may already be here).
    if ((await page.getByTestId('connections-screen').count()) === 0) await page.getByTestId('sync-status').click({ timeout: 60_000 });
    await page.getByTestId('connections-screen').waitFor({ timeout: 60_000 });
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      expectScheme(await probe(CONNECTIONS_SELECTORS), scheme, CONNECTIONS_SELECTORS);
      await page.screenshot({ path: resolve(artifacts, `connections-${scheme}.png`) });
    }
  });

  it('Tenants, with an integrity verdict, is light in light and dark in dark', async () => {
    if ((await page.getByTestId('tenants-screen').count()) === 0) await page.getByTestId('tenants-open').click({ timeout: 60_000 });
    await page.getByTestId('tenants-screen').waitFor({ timeout: 60_000 });
    await page.getByTestId('integrity-start').click();
    await page.getByTestId('integrity-result').waitFor({ timeout: 60_000 });
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      expectScheme(await probe(TENANTS_SELECTORS), scheme, TENANTS_SELECTORS);
      await page.screenshot({ path: resolve(artifacts, `tenants-screen-${scheme}.png`) });
    }
  });
});
