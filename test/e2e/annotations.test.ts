/**
 * Annotations in Chromium against `serve` (issue 9: "a star survives a reload"): a star clicked
 * in a row is still there after the page reloads; `s` stars and unstars the selected row; the
 * "★ Starred" quick view shows exactly the starred row, with the store's count; rows selected
 * by Ctrl/Shift-click or `x` are tagged with Tag…; and the workspace still verifies:
 * annotations are not evidence.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedApp } from './serve-process.ts';
import { openWorkspacePage, type WorkspacePage } from './workspace-page.ts';

const artifacts = resolve(import.meta.dirname, '../../test-results');

describe('annotations, in the browser', () => {
  let opened: WorkspacePage;
  let app: ServedApp;
  let page: Page;

  beforeAll(async () => {
    opened = await openWorkspacePage({ name: 'annotations', events: 3_000 });
    ({ app, page } = opened);
  }, 180_000);

  afterAll(() => opened?.close());

  const row = (id: number) => page.locator(`[data-testid="event-row"][data-event-id="${id}"]`);
  const starOf = (id: number) => row(id).getByTestId('row-star');
  const storedStar = async (id: number) => (await app.api['events.get']({ id })).annotation?.starred ?? false;

  it('a star survives a reload, `s` toggles the selected row, and ★ Starred shows exactly the starred row', async () => {
    const rows = page.getByTestId('event-row');
    const starredId = Number(await rows.nth(2).getAttribute('data-event-id'));
    const otherId = Number(await rows.nth(4).getAttribute('data-event-id'));

    await starOf(starredId).click();
    await expect.poll(() => storedStar(starredId), { timeout: 10_000 }).toBe(true);
    expect(await starOf(starredId).getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    await row(starredId).waitFor({ timeout: 30_000 });
    await expect.poll(() => starOf(starredId).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await starOf(starredId).textContent()).toBe('★');
    expect(await starOf(otherId).getAttribute('aria-pressed')).toBe('false');

    // `s` on the selected row, twice: starred, then not.
    await row(otherId).click();
    await page.keyboard.press('s');
    await expect.poll(() => storedStar(otherId), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => starOf(otherId).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('s');
    await expect.poll(() => storedStar(otherId), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => starOf(otherId).getAttribute('aria-pressed')).toBe('false');

    await page.getByTestId('starred-view').click();
    await expect.poll(() => page.getByTestId('query-input').inputValue()).toBe('starred:true');
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-event-id'))))), { timeout: 15_000 }).toEqual([starredId]);
    const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: 'starred:true' };
    expect((await app.api['events.count']({ view })).count).toBe(1);
    await expect.poll(() => page.getByTestId('total-count').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');

    // The inspector: a tag added there is saved and shown.
    await row(starredId).click();
    await page.getByTestId('detail-tag-input').fill('phishing');
    await page.getByTestId('detail-tag-input').press('Enter');
    await expect.poll(async () => (await app.api['events.get']({ id: starredId })).annotation?.tags, { timeout: 10_000 }).toEqual(['phishing']);
    expect(await page.getByTestId('detail-tags').textContent()).toContain('phishing');
    expect(await page.getByTestId('detail-star').getAttribute('aria-pressed')).toBe('true');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: resolve(artifacts, 'annotations-starred.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(artifacts, 'annotations-starred-dark.png') });
    await page.emulateMedia({ colorScheme: null });
  }, 120_000);

  it('Ctrl-click and Shift-click mark rows, and Tag… on the selection tags exactly those', async () => {
    await page.getByTestId('starred-view').click();
    await expect.poll(() => page.getByTestId('query-input').inputValue()).toBe('');
    const rows = page.getByTestId('event-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const ids = await rows.evaluateAll((els) => els.slice(5, 9).map((e) => Number(e.getAttribute('data-event-id'))));
    await row(ids[0]!).click();
    await row(ids[1]!).click({ modifiers: ['ControlOrMeta'] });
    await row(ids[3]!).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('tag-events').textContent()).toBe('Tag 3…');
    await page.getByTestId('tag-events').click();
    await page.getByTestId('tag-dialog-input').fill('case-9');
    await page.screenshot({ path: resolve(artifacts, 'annotations-tag-selection.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(artifacts, 'annotations-tag-selection-dark.png') });
    await page.emulateMedia({ colorScheme: null });
    await page.getByTestId('tag-dialog-add').click();
    await expect.poll(() => page.getByTestId('annotation-notice').textContent(), { timeout: 10_000 }).toBe("Tagged 3 events 'case-9' (3 selected).");
    const tagged = await app.api['events.page']({ view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: 'tag:case-9' }, order: 'newest', after: null, limit: 10 });
    expect(tagged.rows.map((r) => r.id).sort()).toEqual([ids[1]!, ids[2]!, ids[3]!].sort());

    // From the keyboard: `x` selects the selected row, ↓ and `x` the next, Esc clears them.
    await row(ids[0]!).click();
    await expect.poll(() => page.getByTestId('tag-events').textContent()).toBe('Tag…');
    await page.keyboard.press('x');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('x');
    await expect.poll(() => page.getByTestId('tag-events').textContent()).toBe('Tag 2…');
    await expect.poll(() => page.locator('.event-row.marked').count()).toBe(2);
    // A tagged row's star carries a dot and lists its tags.
    expect(await starOf(ids[2]!).getAttribute('data-tags')).toBe('case-9');
    expect(await starOf(ids[2]!).getAttribute('title')).toContain('Tags: case-9');
    // The first Esc closes the open inspector; the next clears the selection.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('event-detail').count()).toBe(0);
    expect(await page.locator('.event-row.marked').count()).toBe(2);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.event-row.marked').count()).toBe(0);

    const verdict = await app.api['integrity.verify']({});
    expect(verdict.ok).toBe(true);
    expect(verdict.eventsChecked).toBe(3_000);
  }, 120_000);
});
