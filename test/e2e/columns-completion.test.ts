/**
 * Columns and query completion in Chromium against `serve` on a 5,000-event workspace: a column
 * hidden, one dragged to a new place and one resized are the same after a reload (and the rows'
 * cells follow the headings); failures and security events are tinted in light and dark; and
 * `outc` completes to `outcome:`, then to a value, and the query runs with the store's count.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedApp } from './serve-process.ts';
import { openWorkspacePage, type View, type WorkspacePage } from './workspace-page.ts';


/** Page-side, as an expression string (the node project type-checks this file without the DOM's names): the background of row i. */
const rowBackground = (i: number) => `getComputedStyle(document.querySelectorAll('[data-testid="event-row"]')[${i}]).backgroundColor`;

describe('columns and query completion, in the browser', () => {
  let opened: WorkspacePage;
  let app: ServedApp;
  let page: Page;
  let ranViews: View[];

  beforeAll(async () => {
    opened = await openWorkspacePage({ name: 'columns', events: 5_000 });
    ({ app, page, firstPages: ranViews } = opened);
  }, 180_000);

  afterAll(() => opened?.close());

  const headings = () => page.locator('[role="columnheader"]').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-column')));
  const firstRowCells = () => page.getByTestId('event-row').first().locator('[role="gridcell"]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-column')));
  const width = (id: string) => page.locator(`[role="columnheader"][data-column="${id}"]`).evaluate((h) => Math.round(h.getBoundingClientRect().width));

  it('a hidden column, a moved one and a resized one are the same after a reload', async () => {
    await page.getByTestId('column-chooser-toggle').click();
    await page.locator('[data-testid="column-option"][data-column="ip"] input').uncheck();
    await page.locator('[data-testid="column-option"][data-column="severity"] input').check();
    await page.keyboard.press('Escape');
    expect(await headings()).toEqual(['time', 'tenant', 'action', 'actor', 'target', 'outcome', 'severity']);

    // Drag the Outcome heading onto Tenant's.
    await page.locator('[role="columnheader"][data-column="outcome"]').dragTo(page.locator('[role="columnheader"][data-column="tenant"]'));
    const moved = ['time', 'outcome', 'tenant', 'action', 'actor', 'target', 'severity'];
    expect(await headings()).toEqual(moved);

    // Drag Action's right edge 80 px to the right.
    const before = await width('action');
    const edge = (await page.getByTestId('resize-action').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 80, edge.y + edge.height / 2, { steps: 6 });
    await page.mouse.up();
    const resized = await width('action');
    expect(Math.abs(resized - (before + 80))).toBeLessThanOrEqual(2);
    expect(await firstRowCells()).toEqual(moved);

    await page.reload();
    await page.getByTestId('event-row').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => headings(), { timeout: 10_000 }).toEqual(moved);
    expect(await firstRowCells()).toEqual(moved);
    expect(await width('action')).toBe(resized);

    await page.getByTestId('column-chooser-toggle').click();
    await page.getByTestId('reset-columns').click();
    expect(await headings()).toEqual(['time', 'tenant', 'action', 'actor', 'target', 'outcome', 'ip']);
    await page.keyboard.press('Escape');
  });

  it('with every column shown the rows scroll sideways, the headings follow, and the last column can be seen', async () => {
    await page.getByTestId('column-chooser-toggle').click();
    const unchecked = page.locator('[data-testid="column-option"] input:not(:checked)');
    while ((await unchecked.count()) > 0) await unchecked.first().check();
    await page.keyboard.press('Escape');
    const grid = page.locator('#event-grid');
    const [scrollWidth, clientWidth] = await grid.evaluate((g) => [g.scrollWidth, g.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await grid.evaluate((g) => (g.scrollLeft = g.scrollWidth));
    const gridLeft = await grid.evaluate((g) => g.scrollLeft);
    await expect.poll(() => page.getByTestId('event-header').evaluate((h) => h.scrollLeft)).toBe(gridLeft);
    // The last heading and the last cell of a row line up inside the table.
    const heading = (await page.locator('[role="columnheader"]').last().boundingBox())!;
    const cell = (await page.getByTestId('event-row').nth(1).locator('[role="gridcell"]').last().boundingBox())!;
    const table = (await grid.boundingBox())!;
    expect(Math.abs(heading.x - cell.x)).toBeLessThanOrEqual(2);
    expect(cell.x + cell.width).toBeLessThanOrEqual(table.x + table.width + 1);
    await page.getByTestId('column-chooser-toggle').click();
    await page.getByTestId('reset-columns').click();
    await page.keyboard.press('Escape');
  });

  /** Runs a query from the box and waits for its rows and the store's count. */
  async function runQuery(query: string): Promise<void> {
    const ran = ranViews.length;
    await page.getByTestId('query-input').fill(query);
    await page.getByTestId('query-input').press('Escape');
    await page.getByTestId('query-input').press('Enter');
    await expect.poll(() => ranViews.length, { timeout: 10_000 }).toBeGreaterThan(ran);
    const { count } = await app.api['events.count']({ view: ranViews.at(-1)! });
    expect(count).toBeGreaterThan(0);
    await expect.poll(async () => Number(await page.getByTestId('total-count').getAttribute('data-count')), { timeout: 15_000 }).toBe(count);
  }

  it('failed and security rows are tinted, differently, in both light and dark', async () => {
    const views = { security: 'category:security', failure: 'outcome:failure -category:security -category:auth', plain: 'outcome:success -category:security' };
    const seen: Record<string, Record<string, string>> = { light: {}, dark: {} };
    for (const [kind, query] of Object.entries(views)) {
      await runQuery(query);
      // The second row (index 1): the first is selected, and the selection's colour wins.
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        seen[scheme]![kind] = await page.evaluate<string>(rowBackground(1));
      }
    }
    await page.emulateMedia({ colorScheme: null });
    for (const scheme of ['light', 'dark'] as const) {
      const { security, failure, plain } = seen[scheme]!;
      expect(new Set([security, failure, plain]).size).toBe(3);
    }
    expect(seen.light!.failure).not.toBe(seen.dark!.failure);
    expect(seen.light!.security).not.toBe(seen.dark!.security);
    await runQuery('');
  });

  it('outc completes to outcome:, then to a value, and the query runs with the store\'s count', async () => {
    const input = page.getByTestId('query-input');
    await input.click();
    await input.fill('');
    await input.pressSequentially('outc');
    await expect.poll(() => page.getByTestId('query-completion').allTextContents()).toEqual(['outcomefield']);
    await page.keyboard.press('Tab');
    expect(await input.inputValue()).toBe('outcome:');
    // The values come from events.topValues, with the store's counts.
    const top = await app.api['events.topValues']({ view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' }, field: 'outcome', limit: 10 });
    const failure = top.values.find((v) => v.value === 'failure')!;
    await expect.poll(() => page.getByTestId('query-completion').allTextContents(), { timeout: 10_000 }).toContain(`failure${failure.count.toLocaleString('en-US')}`);
    const labels = await page.getByTestId('query-completion').allTextContents();
    const steps = labels.findIndex((l) => l.startsWith('failure')) + 1;
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).not.toBeNull();
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('outcome:failure ');
    const ran = ranViews.length;
    await page.keyboard.press('Enter');
    await expect.poll(() => ranViews.length, { timeout: 10_000 }).toBeGreaterThan(ran);
    const view = ranViews.at(-1)!;
    expect(view.query.trim()).toBe('outcome:failure');
    const { count } = await app.api['events.count']({ view });
    expect(count).toBe(failure.count);
    await expect.poll(async () => Number(await page.getByTestId('total-count').getAttribute('data-count')), { timeout: 15_000 }).toBe(count);

    // The query that ran is the first ↑ in the emptied box.
    await input.fill('');
    await page.keyboard.press('ArrowUp');
    expect(await input.inputValue()).toBe('outcome:failure');
  });
});
