/**
 * The investigator's tools in Chromium against `serve` on a 20,000-event workspace: a drag across
 * the histogram makes that span the range and a click on a bar narrows to its bucket; the field
 * sidebar's counts are the store's and its + adds a filter; a chip toggles, negates and removes
 * it; each time the count on screen is the store's count for the view the page asked for.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedApp } from './serve-process.ts';
import { openWorkspacePage, type View, type WorkspacePage } from './workspace-page.ts';

const ALL_VIEW = (): View => ({ scope: { kind: 'all' }, range: { from: null, to: null }, query: '' });

describe('histogram, field sidebar and filter chips, in the browser', () => {
  let opened: WorkspacePage;
  let app: ServedApp;
  let page: Page;
  // The first page of each view the page runs (a small result is its own count, with no count call).
  let countedViews: View[];

  beforeAll(async () => {
    opened = await openWorkspacePage({ name: 'investigate', events: 20_000, clipboard: true });
    ({ app, page, firstPages: countedViews } = opened);
  }, 180_000);

  afterAll(() => opened?.close());

  const shownCount = async () => Number(await page.getByTestId('total-count').getAttribute('data-count'));

  /** The count on screen once it is the store's count for the last view the page ran. */
  async function expectCountOfLastView(): Promise<View> {
    await expect.poll(async () => {
      const view = countedViews.at(-1)!;
      return (await shownCount()) === (await app.api['events.count']({ view })).count;
    }, { timeout: 15_000 }).toBe(true);
    return countedViews.at(-1)!;
  }

  it('a drag across the histogram narrows the range to that span, and the count agrees with the store', async () => {
    await expect.poll(() => page.getByTestId('histogram').getAttribute('data-status'), { timeout: 15_000 }).toBe('ready');
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(20_000);
    const over = page.locator('.histogram .u-over');
    // uPlot draws its overlay a frame after the data is ready.
    await over.waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(async () => (await over.boundingBox())?.width ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    const box = (await over.boundingBox())!;
    const y = box.y + box.height / 2;
    const counted = countedViews.length;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => countedViews.length, { timeout: 10_000 }).toBeGreaterThan(counted);
    const view = await expectCountOfLastView();
    expect(view.range.from).not.toBeNull();
    expect(view.range.to).not.toBeNull();
    const count = await shownCount();
    expect(count).toBeGreaterThan(1_000);
    expect(count).toBeLessThan(8_000);
    // The range picker names the span instead of a preset.
    expect(await page.getByTestId('range-picker').locator('option:checked').textContent()).toMatch(/^\d{4}-.* – \d{4}-/);
  });

  it('a click on a bar narrows to that bucket; picking a preset brings every event back', async () => {
    await expect.poll(() => page.getByTestId('histogram').getAttribute('data-status'), { timeout: 15_000 }).toBe('ready');
    const bucketMs = Number(await page.getByTestId('histogram').getAttribute('data-bucket-ms'));
    const over = page.locator('.histogram .u-over');
    // uPlot draws its overlay a frame after the data is ready.
    await over.waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(async () => (await over.boundingBox())?.width ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    const box = (await over.boundingBox())!;
    const counted = countedViews.length;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height - 3);
    await expect.poll(() => countedViews.length, { timeout: 10_000 }).toBeGreaterThan(counted);
    const view = await expectCountOfLastView();
    expect(view.range.to! - view.range.from!).toBe(bucketMs);
    expect(await shownCount()).toBeGreaterThan(0);
    await page.getByTestId('range-picker').selectOption('all');
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(20_000);
  });

  it('the sidebar counts a field exactly; + filters for a value and the table count is that count and the store\'s', async () => {
    const failure = page.locator('[data-testid="field-value"][data-field="outcome"][data-value="failure"]');
    await failure.waitFor({ timeout: 15_000 });
    const all = ALL_VIEW();
    const { values } = await app.api['events.topValues']({ view: all, field: 'outcome', limit: 10 });
    const expected = values.find((v) => v.value === 'failure')!.count;
    expect(Number(await failure.getAttribute('data-count'))).toBe(expected);
    const firstBefore = await page.getByTestId('event-row').first().getAttribute('data-event-id');
    await failure.getByRole('button', { name: 'Filter for outcome failure' }).click();
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(expected);
    const view = await expectCountOfLastView();
    expect(view.query).toBe('outcome:"failure"');
    expect(await page.getByTestId('query-input').inputValue()).toBe('outcome:"failure"');
    for (const id of await page.getByTestId('event-row').evaluateAll((els) => els.slice(0, 10).map((el) => Number(el.getAttribute('data-event-id'))))) {
      expect((await app.api['events.get']({ id })).outcome).toBe('failure');
    }

    // The chip toggled off restores the rows; toggled on narrows again; negated excludes.
    const chip = page.locator('[data-testid="filter-chip"][data-term=\'outcome:"failure"\']');
    await chip.getByRole('button', { name: /outcome: failure/ }).click();
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(20_000);
    await expect.poll(() => page.getByTestId('event-row').first().getAttribute('data-event-id')).toBe(firstBefore);
    expect(await chip.getAttribute('data-disabled')).toBe('true');
    await chip.getByRole('button', { name: 'outcome:"failure"', exact: true }).click();
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(expected);
    await page.getByRole('button', { name: 'Negate outcome:"failure"' }).click();
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(20_000 - expected);
    await page.getByRole('button', { name: 'Remove -outcome:"failure"' }).click();
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(20_000);
  });

  it('a right-click on a cell offers filter out, and on a time the five minutes around it', async () => {
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(20_000);
    const action = page.getByTestId('event-row').first().locator('[data-pivot="action"]');
    const value = (await action.textContent())!;
    await action.click({ button: 'right' });
    await page.getByTestId('value-menu').getByRole('menuitem', { name: 'Filter out this value' }).click();
    const out = { ...ALL_VIEW(), query: `-action:"${value}"` };
    const expected = (await app.api['events.count']({ view: out })).count;
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(expected);
    expect(expected).toBeLessThan(20_000);

    const first = page.getByTestId('event-row').first();
    const { ts } = await app.api['events.get']({ id: Number(await first.getAttribute('data-event-id')) });
    await first.locator('[data-pivot="time"]').click({ button: 'right' });
    await page.getByTestId('value-menu').getByRole('menuitem', { name: /5 minutes around/ }).click();
    const around = { ...out, range: { from: ts - 300_000, to: ts + 300_001 } };
    await expect.poll(() => countedViews.at(-1)?.range, { timeout: 10_000 }).toEqual(around.range);
    await expectCountOfLastView();
    expect(await shownCount()).toBe((await app.api['events.count']({ view: around })).count);
    await page.getByTestId('query-input').fill('');
    await page.getByTestId('query-input').press('Enter');
    await page.getByTestId('range-picker').selectOption('all');
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(20_000);
  });

  it('Ctrl+K jumps to a tenant by name keeping the query; Ctrl+click marks several tenants shown together', async () => {
    const { tenants } = await app.api['tenants.list']({});
    const byName = (name: string) => tenants.find((t) => t.name === name)!.id;
    await page.getByTestId('query-input').fill('outcome:"failure"');
    await page.getByTestId('query-input').press('Enter');
    await page.locator('#event-grid').focus();
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe('Tenant or group name');
    await page.keyboard.type('glob');
    await page.keyboard.press('Enter');
    const globex = { scope: { kind: 'tenants' as const, tenantIds: [byName('Globex')] }, range: { from: null, to: null }, query: 'outcome:"failure"' };
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe((await app.api['events.count']({ view: globex })).count);
    expect(await page.getByTestId('query-input').inputValue()).toBe('outcome:"failure"');

    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('scope-palette');
    await palette.getByRole('option', { name: /Acme/ }).click({ modifiers: ['Control'] });
    await palette.getByRole('option', { name: /Initech/ }).click({ modifiers: ['Control'] });
    await page.keyboard.press('Enter');
    await expect.poll(() => countedViews.at(-1)?.scope, { timeout: 10_000 }).toEqual({ kind: 'tenants', tenantIds: [byName('Acme'), byName('Initech')] });
    expect((await expectCountOfLastView()).query).toBe('outcome:"failure"');
    expect(await page.getByTestId('scope-picker').locator('option:checked').textContent()).toBe('2 tenants: Acme, Initech');
  });

  it('a field value that exists nowhere says which values do', async () => {
    await page.getByTestId('query-input').fill('outcome:fail');
    await page.getByTestId('query-input').press('Enter');
    await expect.poll(() => page.getByTestId('no-match-hint').textContent(), { timeout: 15_000 }).toBe(
      'outcome is never "fail": it is one of "success", "failure", "unknown".',
    );
    await page.getByTestId('query-input').fill('');
    await page.getByTestId('query-input').press('Enter');
  });

  it('the inspector shows the normalised event, copies it, and walks to the next event without closing', async () => {
    const rows = page.getByTestId('event-row');
    await rows.first().click();
    await page.getByTestId('detail-tab-normalised').click();
    const firstId = Number(await rows.first().getAttribute('data-event-id'));
    await expect.poll(() => page.getByTestId('detail-normalised').getAttribute('data-event-id'), { timeout: 10_000 }).toBe(String(firstId));
    await page.getByTestId('copy-normalised').click();
    const copied = JSON.parse((await page.evaluate('navigator.clipboard.readText()')) as string) as Record<string, unknown>;
    const { raw: _raw, rawSha256: _hash, ...normalised } = await app.api['events.get']({ id: firstId });
    expect(copied).toEqual(normalised);
    const secondId = Number(await rows.nth(1).getAttribute('data-event-id'));
    await page.getByTestId('detail-next').click();
    await expect.poll(() => page.getByTestId('detail-normalised').getAttribute('data-event-id'), { timeout: 10_000 }).toBe(String(secondId));
    await page.getByTestId('detail-close').click();
  });

  it('query, scope, range and order survive a reload', async () => {
    const { tenants } = await app.api['tenants.list']({});
    const globex = tenants.find((t) => t.name === 'Globex')!;
    await page.getByTestId('scope-picker').selectOption(`tenant:${globex.id}`);
    await page.getByTestId('query-input').fill('outcome:"failure"');
    await page.getByTestId('query-input').press('Enter');
    await page.getByTestId('sort-toggle').click();
    const view = { scope: { kind: 'tenants' as const, tenantIds: [globex.id] }, range: { from: null, to: null }, query: 'outcome:"failure"' };
    const expected = (await app.api['events.count']({ view })).count;
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(expected);
    await expect.poll(() => page.url()).toContain('order=oldest');
    const firstBefore = await page.getByTestId('event-row').first().getAttribute('data-event-id');
    await page.reload();
    await expect.poll(() => shownCount(), { timeout: 15_000 }).toBe(expected);
    expect(await page.getByTestId('query-input').inputValue()).toBe('outcome:"failure"');
    expect(await page.getByTestId('scope-picker').inputValue()).toBe(`tenant:${globex.id}`);
    expect(await page.getByTestId('event-row').first().getAttribute('data-event-id')).toBe(firstBefore);
    const [oldest] = (await app.api['events.page']({ view, order: 'oldest', after: null, limit: 1 })).rows;
    expect(firstBefore).toBe(String(oldest!.id));
  });
});
