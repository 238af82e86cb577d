/**
 * A new user's first minutes, in browser mode on a fresh workspace: the demo tenants and events
 * appear, switching scope changes the rows, a row's raw JSON opens in Monaco, and Copy puts
 * exactly the raw JSON on the clipboard.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveDemo, type ServedApp } from './serve-process.ts';

const artifacts = resolve(import.meta.dirname, '../../test-results');

describe('demo workspace in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await serveDemo();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('loads the demo tenants and shows their events newest first', async () => {
    const { tenants } = await app.api['tenants.list']({});
    expect(tenants.length).toBeGreaterThanOrEqual(4);
    expect(tenants.reduce((n, t) => n + t.eventCount, 0)).toBeGreaterThanOrEqual(5000);
    expect(new Set(tenants.map((t) => t.sourceKind)).size).toBeGreaterThanOrEqual(2);

    const rows = page.getByTestId('event-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(10);
    const options = await page.getByTestId('scope-picker').locator('option').allTextContents();
    for (const tenant of tenants) expect(options.join('\n')).toContain(tenant.name);

    const ids = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-event-id'))));
    const details = await Promise.all(ids.slice(0, 10).map((id) => app.api['events.get']({ id })));
    const times = details.map((d) => d.ts);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('switching scope to one tenant shows only that tenant', async () => {
    const { tenants } = await app.api['tenants.list']({});
    const firstBefore = await page.getByTestId('event-row').first().getAttribute('data-event-id');
    const newest = await app.api['events.get']({ id: Number(firstBefore) });
    // A tenant other than the newest event's, so the first row must change.
    const tenant = tenants.find((t) => t.id !== newest.tenantId)!;
    const picker = page.getByTestId('scope-picker');
    const value = await picker.locator('option', { hasText: tenant.name }).first().getAttribute('value');
    await picker.selectOption(value!);
    await expect
      .poll(async () => page.getByTestId('event-row').first().getAttribute('data-event-id'), { timeout: 15_000 })
      .not.toBe(firstBefore);
    const ids = await page
      .getByTestId('event-row')
      .evaluateAll((els) => els.slice(0, 15).map((el) => Number(el.getAttribute('data-event-id'))));
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      const event = await app.api['events.get']({ id });
      expect(event.tenantId).toBe(tenant.id);
    }
    await expect.poll(() => page.getByTestId('event-row').first().textContent()).toContain(tenant.name);
  });

  it('a query filters the rows, and a syntax error points at its column without losing the rows', async () => {
    const input = page.getByTestId('query-input');
    await input.fill('outcome:failure AND ts>=2020-01-01');
    await input.press('Enter');
    await expect
      .poll(async () => {
        const ids = await page
          .getByTestId('event-row')
          .evaluateAll((els) => els.slice(0, 8).map((el) => Number(el.getAttribute('data-event-id'))));
        const outcomes = await Promise.all(ids.map(async (id) => (await app.api['events.get']({ id })).outcome));
        return outcomes.length > 0 && outcomes.every((o) => o === 'failure');
      }, { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => page.getByTestId('total-count').getAttribute('data-count'), { timeout: 15_000 }).not.toBeNull();
    const shown = Number(await page.getByTestId('total-count').getAttribute('data-count'));
    const { tenants } = await app.api['tenants.list']({});
    const scopeValue = await page.getByTestId('scope-picker').inputValue();
    const tenant = tenants.find((t) => String(t.id) === scopeValue || scopeValue.endsWith(`:${t.id}`));
    const scope = tenant ? { kind: 'tenants' as const, tenantIds: [tenant.id] } : { kind: 'all' as const };
    const counted = await app.api['events.count']({
      view: { scope, range: { from: null, to: null }, query: 'outcome:failure AND ts>=2020-01-01' },
    });
    expect(shown).toBe(counted.count);

    const firstBefore = await page.getByTestId('event-row').first().getAttribute('data-event-id');
    await input.fill('outcome:failure AND (actor:');
    await input.press('Enter');
    const error = page.getByTestId('query-error');
    await error.waitFor({ state: 'visible', timeout: 15_000 });
    expect(Number(await error.getAttribute('data-column'))).toBeGreaterThan(20);
    // The last good results stay (the note takes some height, so fewer rows may be drawn).
    expect(await page.getByTestId('event-row').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('event-row').first().getAttribute('data-event-id')).toBe(firstBefore);
    await expect.poll(() => page.getByTestId('total-count').getAttribute('data-count'), { timeout: 15_000 }).toBe(String(counted.count));
    await input.fill('');
    await input.press('Enter');
    await error.waitFor({ state: 'hidden', timeout: 15_000 });
    // The previous rows stay until the new page lands: wait for it before the next test clicks.
    await page.getByTestId('loading-indicator').waitFor({ state: 'hidden', timeout: 15_000 });
  });

  it('clicking a row shows its raw JSON in Monaco, and Copy copies exactly the raw JSON', async () => {
    const id = Number(await page.getByTestId('event-row').nth(2).getAttribute('data-event-id'));
    const row = page.locator(`[data-testid="event-row"][data-event-id="${id}"]`);
    await row.click();
    const detail = page.getByTestId('event-detail');
    await detail.locator('.monaco-editor').waitFor({ state: 'visible', timeout: 30_000 });
    const event = await app.api['events.get']({ id });
    const firstKey = Object.keys(JSON.parse(event.raw) as object)[0]!;
    await expect.poll(() => detail.locator('.monaco-editor .view-lines').textContent(), { timeout: 15_000 }).toContain(firstKey);

    await page.getByTestId('copy-raw').click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(event.raw);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: resolve(artifacts, 'demo-workspace.png') });
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
