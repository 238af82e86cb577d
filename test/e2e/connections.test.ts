/**
 * A new user connects Trailkeeper to a tenant (the simulator stands in for Okta), in browser mode
 * on a fresh workspace: creates the secrets passphrase, tests a wrong token (a sentence) and the
 * right one, saves, syncs while the progress bar moves, and then finds the tenant's events.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM } from '../sim/tenants/credentials.ts';
import { startTenantSim, type TenantSim } from '../sim/tenants/server.ts';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';

const EVENTS = 20_000;
const artifacts = resolve(import.meta.dirname, '../../test-results');

describe('Connections in the browser', () => {
  let sim: TenantSim;
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // Slow answers every other page, so the run lasts long enough to watch its progress.
    sim = await startTenantSim({ end: Date.now() - 3_600_000, events: 10, sizes: { 'okta:acme': EVENTS }, faults: { every: 2, kinds: ['slow', 'server-error'], slowMs: 700 } });
    app = await serveApp({ args: ['--no-demo'] });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sim?.close();
  });

  it('adds, tests and syncs a connection, shows progress, then the events', async () => {
    await page.getByTestId('sync-status').click();
    await expect.poll(() => page.getByTestId('connections-screen').count()).toBe(1);
    await page.getByTestId('passphrase-input').fill('e2e passphrase 123');
    await page.getByTestId('unlock-button').click();
    await page.getByTestId('keystore-ready').waitFor();

    await page.getByTestId('connection-kind').selectOption('okta');
    await page.getByTestId('connection-label').fill('Acme Okta');
    await page.getByTestId('connection-url').fill(sim.urls.okta);
    await page.getByTestId('connection-secret').fill('00wrongToken');
    await page.getByTestId('test-connection').click();
    await expect.poll(() => page.getByTestId('test-verdict').textContent()).toMatch(/^Does not work: Okta refused the API token \(401/);

    await page.getByTestId('connection-secret').fill(SIM.okta.apiToken);
    await page.getByTestId('test-connection').click();
    await expect.poll(() => page.getByTestId('test-verdict').textContent()).toMatch(/^Works: /);
    await page.getByTestId('save-connection').click();
    const row = page.getByTestId('tenant-sync-row');
    await row.first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('connection-secret').inputValue()).toBe('');

    await page.getByTestId('sync-now').click();
    // Progress shows while the run goes: a bar, and the top bar says it is syncing.
    await page.getByTestId('sync-progress').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('sync-status').textContent()).toMatch(/^Syncing 1/);
    await page.screenshot({ path: resolve(artifacts, 'connections-syncing.png') });
    await expect.poll(() => row.first().getAttribute('data-state'), { timeout: 90_000 }).toBe('ok');
    await expect.poll(() => page.getByTestId('tenant-event-count').first().textContent(), { timeout: 15_000 }).toBe(EVENTS.toLocaleString('en-US'));
    await page.screenshot({ path: resolve(artifacts, 'connections-synced.png') });

    const { tenants } = await app.api['tenants.list']({});
    const tenant = tenants.find((t) => t.connectionLabel === 'Acme Okta')!;
    expect(tenant.eventCount).toBe(EVENTS);

    // Back to the events: the new tenant's events are there.
    await page.getByTestId('sync-status').click();
    const picker = page.getByTestId('scope-picker');
    const value = await picker.locator('option', { hasText: tenant.name }).first().getAttribute('value');
    await picker.selectOption(value!);
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await expect.poll(() => page.getByTestId('event-row').first().textContent()).toContain(tenant.name);
    expect(consoleErrors).toEqual([]);
  });

  it('a refused token shows its sentence on the tenant and in the top bar', async () => {
    await page.getByTestId('sync-status').click();
    await page.getByTestId('connections-screen').waitFor();
    await page.getByTestId('connection-label').fill('Old Okta token');
    await page.getByTestId('connection-url').fill(sim.urls.okta);
    await page.getByTestId('connection-secret').fill('00revokedToken');
    await page.getByTestId('save-connection').click();
    const card = page.getByTestId('connection-card').filter({ hasText: 'Old Okta token' });
    await card.getByTestId('tenant-sync-row').waitFor({ timeout: 15_000 });
    await card.getByTestId('sync-now').click();
    await expect.poll(() => card.getByTestId('tenant-error').textContent(), { timeout: 30_000 }).toMatch(/^Okta refused the API token \(401/);
    await expect.poll(() => page.getByTestId('sync-status').textContent()).toBe('Sync: 1 failing');
    expect(consoleErrors).toEqual([]);
  });
});
