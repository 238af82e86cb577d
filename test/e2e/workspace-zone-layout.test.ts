/**
 * Issue 9's time-zone and narrow-window checks in Chromium against `serve`, on 3,000 events over
 * the last 60 days, with the page in a fixed time zone (Asia/Kolkata, +05:30, no DST):
 * - the UTC/local choice lives in the URL: a reload keeps it, and a fresh window (no view in its
 *   URL) comes back in it with the last view;
 * - the histogram's time axis follows the switch: each tick label moves by the zone's offset;
 * - at 1024×768 with the inspector open, the row range stays in the table's toolbar row (not
 *   under the histogram) and nothing is drawn over the detail panel;
 * - the Normalised tab is the same JSON viewer as the Raw one (copy value and path, folding).
 * Screenshots of the 1024 layout go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspacePage, type WorkspacePage } from './workspace-page.ts';

const artifacts = resolve(import.meta.dirname, '../../test-results');
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ZONE = 'Asia/Kolkata';
const ZONE_OFFSET_MS = 330 * 60_000;

type Box = { x: number; y: number; width: number; height: number };
type Tick = [number, string | null];

describe('time zone in the URL and on the histogram, and the 1024 px layout, in the browser', () => {
  let opened: WorkspacePage;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    opened = await openWorkspacePage({
      name: 'zone-layout',
      events: 3_000,
      startTs: Date.now() - 60 * DAY_MS - HOUR_MS,
      context: { timezoneId: ZONE, colorScheme: 'light' },
      clipboard: true,
    });
    page = opened.page;
  }, 120_000);

  afterAll(() => opened?.close());

  const firstTime = (p: Page) => p.getByTestId('event-row').first().locator('.cell-time');
  const box = async (locator: Locator): Promise<Box> => (await locator.boundingBox())!;

  it('the UTC/local choice is in the URL, survives a reload, and a fresh window comes back in it', async () => {
    const utc = (await firstTime(page).textContent())!;
    expect(utc).toMatch(/Z$/);
    expect(page.url()).not.toContain('tz=');
    await page.getByTestId('timezone-toggle').click();
    await expect.poll(() => page.url()).toContain('tz=local');
    await expect.poll(() => firstTime(page).textContent()).toMatch(/\+05:30$/);

    await page.reload();
    await page.getByTestId('event-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('timezone-toggle').getAttribute('data-mode')).toBe('local');
    const local = (await firstTime(page).textContent())!;
    expect(local).toMatch(/\+05:30$/);
    expect(Date.parse(local)).toBe(Date.parse(utc));

    // No view in its URL: the workspace's last view, in the zone last chosen.
    const fresh = await opened.context.newPage();
    await fresh.goto(opened.app.url);
    await expect.poll(() => fresh.getByTestId('timezone-toggle').getAttribute('data-mode'), { timeout: 15_000 }).toBe('local');
    await expect.poll(() => firstTime(fresh).textContent(), { timeout: 15_000 }).toMatch(/\+05:30$/);
    await fresh.close();

    // And back: UTC leaves the URL and the last view alike.
    await page.getByTestId('timezone-toggle').click();
    await expect.poll(() => page.url()).not.toContain('tz=');
    await page.reload();
    await page.getByTestId('event-row').first().waitFor({ timeout: 30_000 });
    expect(await firstTime(page).textContent()).toBe(utc);
  });

  it('the histogram\'s time axis follows the switch: each tick label moves by the zone offset', async () => {
    // Two days, so the axis counts hours and the zone's half hour shows in where ticks fall.
    const to = Math.floor((Date.now() - DAY_MS) / HOUR_MS) * HOUR_MS;
    const from = to - 2 * DAY_MS;
    const view = await opened.context.newPage();
    await view.goto(`${opened.app.url}#range=${from}..${to}`);
    const histogram = view.getByTestId('histogram');
    await expect.poll(() => histogram.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    const plot = view.getByTestId('histogram-plot');
    const ticks = async (): Promise<Tick[]> => JSON.parse((await plot.getAttribute('data-axis-ticks')) ?? '[]') as Tick[];
    await expect.poll(async () => (await ticks()).length, { timeout: 15_000 }).toBeGreaterThan(3);
    const utcTicks = await ticks();

    await view.getByTestId('timezone-toggle').click();
    await expect.poll(async () => JSON.stringify(await ticks()), { timeout: 15_000 }).not.toBe(JSON.stringify(utcTicks));
    const localTicks = await ticks();

    // A label's first line is its wall time ("6am"); a day change or the first tick adds a date line.
    const wall = (label: string | null) => (label ?? '').split('\n')[0];
    const first = utcTicks[0]![0];
    const last = utcTicks.at(-1)![0];
    let matched = 0;
    for (const [ts, label] of localTicks) {
      const sameWall = ts + ZONE_OFFSET_MS; // the UTC instant whose UTC wall time is this local one
      if (sameWall < first || sameWall > last) continue;
      const twin = utcTicks.find(([t]) => Math.abs(t - sameWall) < 1_000);
      expect(twin, `a UTC tick 5:30 after the local tick "${label}" at ${new Date(ts).toISOString()}`).toBeDefined();
      expect(wall(label)).toBe(wall(twin![1]));
      // …and no tick sits where it was: the labels moved with the zone.
      expect(utcTicks.some(([t]) => Math.abs(t - ts) < 1_000)).toBe(false);
      matched++;
    }
    expect(matched).toBeGreaterThanOrEqual(2);
    await view.close();
  });

  it('at 1024×768 with the inspector open the row range stays in the toolbar row and nothing covers the detail panel', async () => {
    await page.getByTestId('event-row').first().click();
    const detail = page.getByTestId('event-detail');
    await detail.waitFor({ state: 'visible' });
    // At 1440 px the toolbar is one row: the row range level with the go-to-time box.
    const middle = (b: Box) => b.y + b.height / 2;
    expect(Math.abs(middle(await box(page.getByTestId('row-position'))) - middle(await box(page.getByTestId('go-to-time'))))).toBeLessThan(2);
    await page.screenshot({ path: resolve(artifacts, 'toolbar-1440-inspector-light.png') });

    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(() => page.getByTestId('row-position').textContent(), { timeout: 10_000 }).toMatch(/^1–\d+ of 3,000/);

    const toolbar = await box(page.locator('.table-toolbar'));
    const histogram = await box(page.getByTestId('histogram'));
    const rows = await box(page.getByTestId('row-position'));
    const panel = await box(detail);
    await page.screenshot({ path: resolve(artifacts, 'toolbar-1024-inspector-light.png') });
    // The row range: one line, inside the toolbar's row, below the histogram, left of the panel.
    expect(rows.y).toBeGreaterThanOrEqual(toolbar.y);
    expect(rows.y + rows.height).toBeLessThanOrEqual(toolbar.y + toolbar.height);
    expect(rows.y).toBeGreaterThanOrEqual(histogram.y + histogram.height);
    expect(rows.height).toBeLessThan(24);
    expect(rows.x + rows.width).toBeLessThanOrEqual(panel.x);
    // Its range ("1–26 of 3,000") is drawn whole, inside the element; only "· row 1 selected" may be cut.
    const rangeRight = Number(
      await page.evaluate(`(() => {
        const el = document.querySelector('[data-testid="row-position"]');
        const range = document.createRange();
        range.setStart(el, 0);
        const suffix = el.querySelector('.muted');
        if (suffix) range.setEndBefore(suffix); else range.setEnd(el, el.childNodes.length);
        return range.getBoundingClientRect().right;
      })()`),
    );
    expect(rangeRight).toBeGreaterThan(rows.x);
    expect(rangeRight).toBeLessThanOrEqual(rows.x + rows.width + 0.5);
    // Every control of the toolbar stays in its row and left of the panel.
    const controls = await page.locator('.table-toolbar > *').evaluateAll((els) =>
      els.map((el) => {
        const r = (el as { getBoundingClientRect(): Box }).getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    for (const c of controls.filter((c) => c.width > 0)) {
      expect(c.x + c.width).toBeLessThanOrEqual(panel.x + 0.5);
      expect(c.y).toBeGreaterThanOrEqual(toolbar.y - 0.5);
      expect(c.y + c.height).toBeLessThanOrEqual(toolbar.y + toolbar.height + 0.5);
    }
    // Across the whole panel, what is on top belongs to the panel (a string: no DOM types here).
    for (let y = panel.y + 4; y < panel.y + panel.height; y += 48) {
      for (let x = panel.x + 4; x < panel.x + panel.width; x += 48) {
        const inPanel = await page.evaluate(`document.elementFromPoint(${x}, ${y})?.closest('[data-testid="event-detail"]') !== null`);
        expect(inPanel, `point ${Math.round(x)},${Math.round(y)}`).toBe(true);
      }
    }
    await page.getByTestId('detail-close').click();
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('the Normalised tab is the same JSON viewer: copy the value and path under the cursor, fold', async () => {
    const rows = page.getByTestId('event-row');
    const id = Number(await rows.first().getAttribute('data-event-id'));
    const event = await opened.app.api['events.get']({ id });
    await rows.first().click();
    await page.getByTestId('detail-tab-normalised').click();
    const tab = page.getByTestId('detail-normalised');
    expect(await tab.getAttribute('data-event-id')).toBe(String(id));
    const lines = tab.locator('.monaco-editor .view-lines');
    await expect.poll(async () => (await lines.textContent())?.replace(/\u00a0/g, ' '), { timeout: 30_000 }).toContain(`"action": "${event.action}"`);

    await tab.locator('.view-line span', { hasText: `"${event.action}"` }).last().click();
    await expect.poll(() => page.getByTestId('raw-cursor-path').textContent()).toBe('$.action');
    await page.getByTestId('copy-cursor-value').click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(event.action);
    await page.getByTestId('copy-cursor-path').click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('$.action');

    await tab.locator('.view-line span', { hasText: `"${event.action}"` }).last().click();
    await page.keyboard.press('Control+f');
    await expect.poll(() => tab.locator('.find-widget.visible').count()).toBe(1);
    await page.keyboard.press('Escape');

    const shown = await tab.locator('.view-line').count();
    await tab.locator('.codicon-folding-expanded').first().click();
    await expect.poll(() => tab.locator('.view-line').count()).toBeLessThan(shown);
    expect(await page.getByTestId('raw-word-wrap').isChecked()).toBe(true);
    await page.getByTestId('detail-close').click();
  });
});
