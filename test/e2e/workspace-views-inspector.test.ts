/**
 * Issue 9's remaining user-level checks in Chromium against `serve`, on 3,000 events over the
 * last 60 days, with the page in a fixed time zone (Asia/Kolkata, +05:30, no DST):
 * - the 7-day range plus `outcome:failure` shows exactly the rows the store returns for that view;
 * - the UTC switch shifts displayed times by the zone's offset;
 * - the inspector copies the value and the JSON path under the raw viewer's cursor, finds with
 *   Ctrl+F, folds, and walks to the next event with Alt+↓ without closing;
 * - an empty result says what narrowed it and one click widens it again;
 * - a fresh window (no view in its URL) comes back to the last query, scope and range;
 * - the histogram from the keyboard: End, Shift+← twice, Enter narrows to those three bars;
 * - a custom range typed in local time is that range.
 * Screenshots of the inspector and the empty state, light and dark, go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput } from '../../common/contract.ts';
import type { ServedApp } from './serve-process.ts';
import { openWorkspacePage, type View, type WorkspacePage } from './workspace-page.ts';
const artifacts = resolve(import.meta.dirname, '../../test-results');
const DAY_MS = 86_400_000;
const ZONE = 'Asia/Kolkata';
const ZONE_OFFSET_MINUTES = 330;

describe('views, time zones and the inspector, in the browser', () => {
  let opened: WorkspacePage;
  let app: ServedApp;
  let context: BrowserContext;
  let page: Page;
  let ranViews: View[];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    opened = await openWorkspacePage({
      name: 'views',
      events: 3_000,
      // 60 days ending an hour ago, so "last 7 days" holds a week of them.
      startTs: Date.now() - 60 * DAY_MS - 3_600_000,
      context: { timezoneId: ZONE, colorScheme: 'light' },
      clipboard: true,
    });
    ({ app, context, page, firstPages: ranViews } = opened);
  }, 120_000);

  afterAll(() => opened?.close());

  const shownCount = async () => Number(await page.getByTestId('total-count').getAttribute('data-count'));
  const grid = () => page.locator('#event-grid');

  /** Every row of the result, read off the screen page by page (the table keeps only a window in the DOM). */
  async function allShownIds(count: number): Promise<number[]> {
    const byIndex = new Map<number, number>();
    await grid().focus();
    await grid().press('Home');
    for (let step = 0; step < 100 && byIndex.size < count; step++) {
      await expect.poll(() => page.getByTestId('pending-row').count(), { timeout: 10_000 }).toBe(0);
      const rows = await page.getByTestId('event-row').evaluateAll((els) =>
        els.map((el) => [Number(el.getAttribute('aria-rowindex')) - 2, Number(el.getAttribute('data-event-id'))] as const),
      );
      for (const [index, id] of rows) byIndex.set(index, id);
      await grid().press('PageDown');
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
  }

  async function storeIds(view: View): Promise<number[]> {
    const ids: number[] = [];
    let after: CallInput<'events.page'>['after'] = null;
    for (;;) {
      const page1 = await app.api['events.page']({ view, order: 'newest', after, limit: 500 });
      ids.push(...page1.rows.map((r) => r.id));
      if (page1.next === null) return ids;
      after = page1.next;
    }
  }

  it('the 7-day range plus outcome:failure shows exactly the rows the store returns for that view', async () => {
    await page.getByTestId('range-picker').selectOption('7d');
    await page.getByTestId('query-input').fill('outcome:failure');
    await page.getByTestId('query-input').press('Enter');
    await expect.poll(() => ranViews.at(-1)?.query, { timeout: 15_000 }).toBe('outcome:failure');
    const view = ranViews.at(-1)!;
    expect(view.scope).toEqual({ kind: 'all' });
    // The page's own "last 7 days": from a week before it ran, open-ended.
    expect(Math.abs((view.range.from ?? 0) - (Date.now() - 7 * DAY_MS))).toBeLessThan(5 * 60_000);
    expect(view.range.to).toBeNull();
    const expected = await storeIds(view);
    expect(expected.length).toBeGreaterThan(50);
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(expected.length);
    expect(await allShownIds(expected.length)).toEqual(expected);
  });

  it('the UTC switch shifts the displayed times by the zone offset (+05:30)', async () => {
    await grid().press('Home');
    const timeCell = page.getByTestId('event-row').first().locator('.cell-time');
    const utc = (await timeCell.textContent())!;
    expect(utc).toMatch(/Z$/);
    await page.getByTestId('timezone-toggle').click();
    await expect.poll(() => timeCell.textContent()).toMatch(/\+05:30$/);
    const local = (await timeCell.textContent())!;
    expect(Date.parse(local)).toBe(Date.parse(utc));
    const wall = new Date(Date.parse(utc) + ZONE_OFFSET_MINUTES * 60_000).toISOString().slice(0, -1);
    expect(local).toBe(`${wall}+05:30`);
    await page.getByTestId('timezone-toggle').click();
    await expect.poll(() => timeCell.textContent()).toBe(utc);
  });

  it('the inspector copies the value and the path under the cursor, finds, folds, and walks on with Alt+↓', async () => {
    const rows = page.getByTestId('event-row');
    const firstId = Number(await rows.first().getAttribute('data-event-id'));
    const secondId = Number(await rows.nth(1).getAttribute('data-event-id'));
    const first = JSON.parse((await app.api['events.get']({ id: firstId })).raw) as { actor: string; uuid: string };
    const second = JSON.parse((await app.api['events.get']({ id: secondId })).raw) as { uuid: string };
    await rows.first().click();
    const detail = page.getByTestId('event-detail');
    const lines = detail.locator('.monaco-editor .view-lines');
    await expect.poll(() => lines.textContent(), { timeout: 30_000 }).toContain(first.uuid);

    await detail.locator('.view-line span', { hasText: first.actor }).last().click();
    await expect.poll(() => page.getByTestId('raw-cursor-path').textContent()).toBe('$.actor');
    await page.getByTestId('copy-cursor-value').click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(first.actor);
    await page.getByTestId('copy-cursor-path').click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('$.actor');
    await page.screenshot({ path: resolve(artifacts, 'inspector-cursor-path-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(artifacts, 'inspector-cursor-path-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Search: Ctrl+F in the viewer opens Monaco's find box.
    await detail.locator('.view-line span', { hasText: first.actor }).last().click();
    await page.keyboard.press('Control+f');
    await expect.poll(() => detail.locator('.find-widget.visible').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.locator('.find-widget.visible').count()).toBe(0);
    await expect.poll(() => detail.isVisible()).toBe(true);

    // Folding: the object's fold control hides its lines.
    const shownLines = await detail.locator('.view-line').count();
    await detail.locator('.codicon-folding-expanded').first().click();
    await expect.poll(() => detail.locator('.view-line').count()).toBeLessThan(shownLines);
    await detail.locator('.codicon-folding-collapsed').first().click();
    await expect.poll(() => detail.locator('.view-line').count()).toBe(shownLines);

    // Alt+↓ from inside the viewer: the next event, the panel still open.
    await detail.locator('.view-line span', { hasText: first.actor }).last().click();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => lines.textContent(), { timeout: 10_000 }).toContain(second.uuid);
    expect(await page.locator('[data-testid="event-row"].selected').getAttribute('data-event-id')).toBe(String(secondId));
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => lines.textContent(), { timeout: 10_000 }).toContain(first.uuid);
    await page.getByTestId('detail-close').click();
  });

  it('an empty result says what narrowed it, and Clear the query brings the rows back', async () => {
    await page.getByTestId('query-input').fill('actor:nobody@nowhere.test');
    await page.getByTestId('query-input').press('Enter');
    const empty = page.getByTestId('empty-state');
    await expect.poll(() => empty.textContent(), { timeout: 15_000 }).toContain('No events match this query in this time range.');
    await page.screenshot({ path: resolve(artifacts, 'empty-state-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(artifacts, 'empty-state-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('empty-clear-query').click();
    await expect.poll(() => ranViews.at(-1)?.query, { timeout: 15_000 }).toBe('');
    const view = ranViews.at(-1)!;
    const { count } = await app.api['events.count']({ view });
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(count);
    expect(await page.getByTestId('query-input').inputValue()).toBe('');
    expect(await empty.count()).toBe(0);
  });

  it('a fresh window with no view in its URL comes back to the last query, scope and range', async () => {
    const { tenants } = await app.api['tenants.list']({});
    const acme = tenants.find((t) => t.name === 'Acme')!; // 3,000 events fill only the first tenant
    await page.getByTestId('scope-picker').selectOption(`tenant:${acme.id}`);
    await page.getByTestId('query-input').fill('outcome:failure');
    await page.getByTestId('query-input').press('Enter');
    await expect.poll(() => ranViews.at(-1), { timeout: 15_000 }).toMatchObject({ query: 'outcome:failure', scope: { kind: 'tenants', tenantIds: [acme.id] } });
    await expect.poll(() => page.url()).toContain('scope=');

    const fresh = await context.newPage();
    expect(app.url).not.toContain('#');
    await fresh.goto(app.url);
    await expect.poll(() => fresh.getByTestId('query-input').inputValue(), { timeout: 15_000 }).toBe('outcome:failure');
    expect(await fresh.getByTestId('scope-picker').inputValue()).toBe(`tenant:${acme.id}`);
    expect(await fresh.getByTestId('range-picker').inputValue()).toBe('7d');
    const view: View = { scope: { kind: 'tenants', tenantIds: [acme.id] }, range: { from: Date.now() - 7 * DAY_MS, to: null }, query: 'outcome:failure' };
    const expected = (await app.api['events.count']({ view })).count;
    expect(expected).toBeGreaterThan(0);
    // A minute either way of "now" can move an event across the week's start: allow for that.
    await expect.poll(async () => Math.abs(Number(await fresh.getByTestId('total-count').getAttribute('data-count')) - expected), { timeout: 15_000 }).toBeLessThanOrEqual(1);
    const rows = fresh.getByTestId('event-row');
    const ids = await rows.evaluateAll((els) => els.slice(0, 10).map((el) => Number(el.getAttribute('data-event-id'))));
    for (const id of ids) {
      const event = await app.api['events.get']({ id });
      expect(event.tenantId).toBe(acme.id);
      expect(event.outcome).toBe('failure');
    }
    await fresh.close();
  });

  it('from the keyboard the histogram picks the newest three bars, and Enter narrows to them with the store\'s count', async () => {
    const histogram = page.getByTestId('histogram');
    await expect.poll(() => histogram.getAttribute('data-status'), { timeout: 15_000 }).toBe('ready');
    const bucketMs = Number(await histogram.getAttribute('data-bucket-ms'));
    await histogram.focus();
    await histogram.press('End');
    await histogram.press('Shift+ArrowLeft');
    await histogram.press('Shift+ArrowLeft');
    const said = (await page.getByTestId('histogram-keys').textContent())!;
    const picked = Number(/: ([\d,]+) events/.exec(said)![1]!.replace(/,/g, ''));
    expect(picked).toBeGreaterThan(0); // the newest bar is never empty: the chart ends at the last event
    await histogram.press('Enter');
    await expect.poll(() => ranViews.at(-1)?.range.to ?? null, { timeout: 15_000 }).not.toBeNull();
    const view = ranViews.at(-1)!;
    expect(view.range.to! - view.range.from!).toBe(3 * bucketMs);
    const { count } = await app.api['events.count']({ view });
    expect(count).toBe(picked);
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(count);
    await page.screenshot({ path: resolve(artifacts, 'histogram-keyboard-light.png') });
  });

  it('a typed custom range (local time, +05:30) becomes the view\'s range with the store\'s count', async () => {
    await page.getByTestId('timezone-toggle').click();
    await page.getByTestId('range-picker').selectOption('type-custom');
    const now = Date.now();
    const wall = (ts: number) => new Date(ts + ZONE_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const from = Math.floor((now - 3 * DAY_MS) / 60_000) * 60_000;
    const to = Math.floor((now - DAY_MS) / 60_000) * 60_000;
    await page.getByTestId('custom-range-from').fill(wall(from));
    await page.getByTestId('custom-range-to').fill(wall(to));
    await page.getByTestId('custom-range-to').press('Enter');
    await expect.poll(() => ranViews.at(-1)?.range, { timeout: 15_000 }).toEqual({ from, to });
    const { count } = await app.api['events.count']({ view: ranViews.at(-1)! });
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(count);
    await page.getByTestId('timezone-toggle').click();
  });

  it('at 1024 px wide the detail panel is drawn over nothing: the table header stops at its edge', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('event-row').first().click();
    const detail = page.getByTestId('event-detail');
    await detail.waitFor({ state: 'visible' });
    const header = (await page.getByTestId('event-header').boundingBox())!;
    const panel = (await detail.boundingBox())!;
    // Across the panel at the header's height, what is on top belongs to the panel.
    const y = header.y + header.height / 2;
    for (let x = panel.x + 4; x < panel.x + panel.width; x += 40) {
      // A string: this file is compiled without the DOM's types.
      const inPanel = await page.evaluate(`document.elementFromPoint(${x}, ${y})?.closest('[data-testid="event-detail"]') !== null`);
      expect(inPanel, `point ${Math.round(x)},${Math.round(y)}`).toBe(true);
    }
    await page.screenshot({ path: resolve(artifacts, 'detail-1024-light.png') });
    await page.getByTestId('detail-close').click();
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
