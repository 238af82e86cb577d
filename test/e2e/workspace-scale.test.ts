/**
 * The table at scale, in Chromium against `serve` on a 200,000-event workspace written by the
 * store's writer: the scrollbar stands for the whole result, End reaches the last row, a drag to
 * the middle shows the middle rows (the rows the store has at that offset), the selection
 * survives scrolling away and back, and the page's JS heap stays bounded after a long scroll.
 * Prints the figures it measured (first rows, End, drag, heap).
 */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../main/store/fixtures.ts';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';
import { writeLargeWorkspace } from './workspace-fixture.ts';

const EVENTS = 200_000;
const ALL_VIEW = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };
const figures: Record<string, string> = {};

describe('the table on 200,000 events', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;

  beforeAll(async () => {
    const workspace = join(tempDir(), 'large.trailkeeper');
    writeLargeWorkspace(workspace, EVENTS);
    app = await serveApp({ workspace, args: ['--no-demo'] });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    cdp = await page.context().newCDPSession(page);
    const started = Date.now();
    await page.goto(app.url);
    await page.getByTestId('event-row').first().waitFor({ timeout: 30_000 });
    figures['page load to first rows'] = `${Date.now() - started} ms`;
  }, 240_000);

  afterAll(async () => {
    console.log(`table at scale (load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}):`, figures);
    await browser?.close();
    await app?.stop();
    removeTempDirs();
  });

  const grid = () => page.locator('#event-grid');

  /** The rendered, loaded rows in view: their index in the result and their event id. */
  async function rowsInView(): Promise<{ index: number; id: number }[]> {
    return grid().evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll('[data-testid="event-row"]')]
        .filter((row) => {
          const r = row.getBoundingClientRect();
          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        })
        .map((row) => ({ index: Number(row.getAttribute('aria-rowindex')) - 2, id: Number(row.getAttribute('data-event-id')) }))
        .sort((a, b) => a.index - b.index);
    });
  }

  async function storeRowAt(offset: number): Promise<number> {
    const { after } = await app.api['events.seek']({ view: ALL_VIEW, order: 'newest', target: { offset }, countHint: EVENTS });
    const { rows } = await app.api['events.page']({ view: ALL_VIEW, order: 'newest', after, limit: 1 });
    return rows[0]!.id;
  }

  async function settled(): Promise<void> {
    // A frame first, so a scroll just made has been drawn before pending rows are looked for.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await expect.poll(() => page.getByTestId('pending-row').count(), { timeout: 10_000 }).toBe(0);
  }

  it('says where the view is in the whole result, and the scrollbar stands for all of it', async () => {
    await expect.poll(() => page.getByTestId('row-position').textContent(), { timeout: 30_000 }).toMatch(/^1–\d+ of 200,000/);
    // 26 px a row for every event of the result, not for the rows loaded so far (drawn a frame after the count).
    await expect.poll(() => grid().evaluate((el) => el.scrollHeight), { timeout: 15_000 }).toBe(EVENTS * 26);
    expect(await grid().evaluate((el) => el.clientHeight)).toBeGreaterThan(200);
  });

  it('End selects and shows the last row of the result, the one the store has last', async () => {
    const [oldest] = (await app.api['events.page']({ view: ALL_VIEW, order: 'oldest', after: null, limit: 1 })).rows;
    await page.getByTestId('event-row').first().click();
    const started = Date.now();
    await page.keyboard.press('End');
    await expect.poll(async () => (await rowsInView()).at(-1), { timeout: 5_000 }).toEqual({ index: EVENTS - 1, id: oldest!.id });
    figures['End to the last row painted'] = `${Date.now() - started} ms`;
    expect(await page.locator('[aria-selected="true"][data-testid="event-row"]').getAttribute('data-event-id')).toBe(String(oldest!.id));
    expect(await page.getByTestId('row-position').textContent()).toMatch(/^199,9\d\d–200,000 of 200,000/);
  });

  it('dragging the scrollbar to the middle shows the rows the store has in the middle', async () => {
    const started = Date.now();
    await grid().evaluate((el) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    });
    await expect.poll(async () => Math.abs(((await rowsInView())[0]?.index ?? 0) - EVENTS / 2), { timeout: 10_000, interval: 10 }).toBeLessThan(40);
    await settled();
    const rows = await rowsInView();
    figures['drag to the middle, rows painted'] = `${Date.now() - started} ms`;
    for (const row of [rows[0]!, rows.at(-1)!]) expect(row.id).toBe(await storeRowAt(row.index));
  });

  it('the selection survives scrolling far away and back', async () => {
    await grid().evaluate((el) => (el.scrollTop = 0));
    await settled();
    const fifth = page.locator('[data-testid="event-row"][aria-rowindex="6"]');
    const id = await fifth.getAttribute('data-event-id');
    await fifth.click();
    await page.keyboard.press('Escape');
    await grid().evaluate((el) => (el.scrollTop = el.scrollHeight * 0.8));
    await settled();
    await grid().evaluate((el) => (el.scrollTop = 0));
    await settled();
    expect(await page.locator('[data-testid="event-row"][aria-selected="true"]').getAttribute('data-event-id')).toBe(id);
  });

  it('a scope switch shows the tenant\'s newest rows, with its count', async () => {
    const { tenants } = await app.api['tenants.list']({});
    const tenant = tenants.find((t) => t.name === 'Initech')!;
    const view = { ...ALL_VIEW, scope: { kind: 'tenants' as const, tenantIds: [tenant.id] } };
    const [newest] = (await app.api['events.page']({ view, order: 'newest', after: null, limit: 1 })).rows;
    const started = Date.now();
    await page.getByTestId('scope-picker').selectOption(`tenant:${tenant.id}`);
    await expect.poll(() => page.getByTestId('event-row').first().getAttribute('data-event-id'), { timeout: 10_000, interval: 10 }).toBe(String(newest!.id));
    figures['scope switch to rows painted'] = `${Date.now() - started} ms`;
    await expect.poll(() => page.getByTestId('row-position').textContent(), { timeout: 10_000 }).toContain(`of ${tenant.eventCount.toLocaleString('en-US')}`);
    await page.getByTestId('scope-picker').selectOption('all');
    await expect.poll(() => page.getByTestId('row-position').textContent(), { timeout: 10_000 }).toContain('of 200,000');
  });

  it('the JS heap stays bounded after scrolling through the whole result', async () => {
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await heap();
    const steps = 60;
    for (let i = 0; i <= steps; i++) {
      await grid().evaluate((el, f) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * f), i / steps);
      await settled();
    }
    // Wheel steps too, the way a reader scrolls.
    await grid().hover();
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, -400);
    await settled();
    const after = await heap();
    figures['JS heap before / after a full scroll'] = `${(before / 1e6).toFixed(1)} MB / ${(after / 1e6).toFixed(1)} MB`;
    const domRows = await grid().locator('[role="row"]').count();
    figures['rows in the DOM'] = String(domRows);
    expect(domRows).toBeLessThanOrEqual(200);
    // Generous: a few blocks of rows are a few hundred kB; holding 200,000 rows would be ~150 MB.
    expect(after).toBeLessThan(before + 25e6);
    expect(after).toBeLessThan(80e6);
  });
});
