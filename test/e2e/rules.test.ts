/**
 * Issue 11 in Chromium on the demo workspace: run the rule pack from the UI, see the planted MFA
 * reset with its SigmaHQ author, open its event in the inspector; run a SQL query with a named
 * parameter and open an event from its results; a write in the console is refused on screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveDemo, type ServedApp } from './serve-process.ts';

describe('rules and SQL console in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await serveDemo();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('runs the pack on the demo and opens a finding\'s event', async () => {
    await page.getByTestId('rules-open').click();
    await page.getByTestId('rules-run').click();
    await expect.poll(() => page.getByTestId('rules-done').textContent(), { timeout: 60_000 }).toMatch(/\d+ findings in/);
    const row = page.getByTestId('finding-row').filter({ hasText: 'Okta MFA Reset or Deactivated' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Austin Songer @austinsonger');
    await row.getByTestId('finding-event').first().click();
    const detail = page.getByTestId('event-detail');
    await detail.locator('.monaco-editor').waitFor({ state: 'visible', timeout: 30_000 });
    // The normalised fields above the raw text name the event's action.
    await expect.poll(() => detail.textContent(), { timeout: 15_000 }).toContain('user.mfa.factor.reset_all');
  }, 120_000);

  it('runs a SQL query with a parameter and opens an event from its rows; refuses a write', async () => {
    await page.getByTestId('sql-open').click();
    await page.getByTestId('sql-editor').locator('.monaco-editor').waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByTestId('sql-param-action').fill('repo.destroy');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-done').textContent(), { timeout: 30_000 }).toMatch(/^6 rows/);
    await page.getByTestId('sql-event').first().click();
    const detail = page.getByTestId('event-detail');
    await expect.poll(() => detail.locator('.monaco-editor .view-lines').textContent(), { timeout: 15_000 }).toContain('repo.destroy');

    await page.getByTestId('sql-open').click();
    const editor = page.getByTestId('sql-editor').locator('.monaco-editor');
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('DELETE FROM events');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => page.getByTestId('sql-error').textContent(), { timeout: 15_000 }).toMatch(/writes are refused/);
    expect((await app.api['events.count']({ view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' } })).count).toBe(6952);
    expect(errors).toEqual([]);
  }, 120_000);

  it('saves a preset, reloads the page, and applies it', async () => {
    await page.reload(); // the console of the last test is still open
    await page.getByTestId('query-input').fill('action:repo.destroy');
    await page.getByTestId('query-input').press('Enter');
    await page.getByTestId('presets-open').click();
    await page.getByTestId('preset-name').fill('Deleted repositories');
    await page.getByTestId('preset-description').fill('The attacker\'s deletions');
    await page.getByTestId('preset-save').click();
    await expect.poll(() => page.getByTestId('preset-row').count()).toBe(1);
    await page.reload();
    await page.getByTestId('query-input').fill('');
    await page.getByTestId('query-input').press('Enter');
    await page.getByTestId('presets-open').click();
    await page.getByTestId('preset-apply').filter({ hasText: 'Deleted repositories' }).click();
    expect(await page.getByTestId('query-input').inputValue()).toBe('action:repo.destroy');
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 30_000 }).toBe(6);
    expect(errors).toEqual([]);
  }, 120_000);
});
