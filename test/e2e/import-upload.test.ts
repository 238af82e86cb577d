/**
 * A responder imports a CloudTrail file they already have, in browser mode on a fresh workspace:
 * the Import dialog uploads it into a new tenant, the summary names what was added and the bad
 * record's line, the tenant's events show in the table, and a second upload of the same file adds
 * nothing (every good record is reported as already there).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';

const fixture = resolve(import.meta.dirname, '../fixtures/import/cloudtrail-one-bad-line.jsonl');
const artifacts = resolve(import.meta.dirname, '../../test-results');
const TENANT = 'Incident 42 CloudTrail';
const GOOD = 12;
const BAD_LINE = 7;

describe('Import by upload in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
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
  });

  async function importFixture(tenant: { newName: string } | { existing: string }): Promise<string> {
    await page.getByTestId('import-open').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await page.getByTestId('import-file').setInputFiles(fixture);
    if ('newName' in tenant) {
      await page.getByTestId('import-tenant').selectOption('new');
      await page.getByTestId('import-new-tenant').fill(tenant.newName);
    } else {
      await page.getByTestId('import-tenant').selectOption(tenant.existing);
    }
    await page.getByTestId('import-start').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    return (await summary.textContent()) ?? '';
  }

  async function closeDialog(): Promise<void> {
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('import-dialog').count()).toBe(0);
  }

  it('imports into a new tenant, names the bad line, and shows the events', async () => {
    expect(readFileSync(fixture, 'utf8').trim().split('\n')).toHaveLength(GOOD + 1);
    const summary = await importFixture({ newName: TENANT });
    expect(summary).toContain(`cloudtrail-one-bad-line.jsonl: ${GOOD} added, 0 already there, 1 rejected.`);
    expect(summary).toContain(`Line ${BAD_LINE} is not valid JSON`);
    await page.screenshot({ path: resolve(artifacts, 'import-upload-summary.png') });
    await closeDialog();

    const { tenants } = await app.api['tenants.list']({});
    const tenant = tenants.find((t) => t.name === TENANT);
    expect(tenant).toMatchObject({ connectionLabel: 'Imported files', eventCount: GOOD });

    const picker = page.getByTestId('scope-picker');
    await expect.poll(() => picker.locator('option', { hasText: TENANT }).count()).toBeGreaterThan(0);
    const value = await picker.locator('option', { hasText: TENANT }).first().getAttribute('value');
    await picker.selectOption(value!);
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 20_000 }).toBe(GOOD);
    const rows = await page.getByTestId('event-row').allTextContents();
    expect(rows.join('\n')).toContain('DescribeInstances');
    expect(rows.every((r) => r.includes(TENANT))).toBe(true);
    expect(rows.join('\n')).toContain('pedro');
    await page.screenshot({ path: resolve(artifacts, 'import-upload-events.png') });
  });

  it('reports every record of a second upload of the same file as already there', async () => {
    const { tenants } = await app.api['tenants.list']({});
    const tenant = tenants.find((t) => t.name === TENANT)!;
    const summary = await importFixture({ existing: String(tenant.id) });
    expect(summary).toContain(`cloudtrail-one-bad-line.jsonl: 0 added, ${GOOD} already there, 1 rejected.`);
    expect(summary).toContain(`Line ${BAD_LINE} `);
    await closeDialog();
    const after = (await app.api['tenants.list']({})).tenants.find((t) => t.id === tenant.id)!;
    expect(after.eventCount).toBe(GOOD);
    await expect.poll(() => page.getByTestId('event-row').count()).toBe(GOOD);
    expect(consoleErrors).toEqual([]);
  });
});
