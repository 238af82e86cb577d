/**
 * Issue 11 in Chromium on the demo workspace: run the pack from the UI and see it go rule by rule
 * (rule i of n with the rule's title), then the findings with the rule's author; export the
 * findings as CSV from the dialog, download it (its bytes hash to the recorded sha256), and
 * verify it from the export history's record. A user rule that counts for about a second runs
 * with the pack, so the run stays on screen long enough to be seen however fast the pack gets.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveDemo, type ServedApp } from './serve-process.ts';

const SLOW_RULE = `title: Slow check (e2e)
id: 5e551011-0000-4000-8000-0000000000e2
author: Trailkeeper tests
logsource: {product: okta}
sql: |
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)
  SELECT i FROM n WHERE i < 0
`;

/** Run in the page (a string: this file is compiled without the DOM's types). */
const RECORD_PROGRESS = `{
  const seen = [];
  window.progressSeen = seen;
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="rules-progress-text"]')?.textContent;
    if (text && seen.at(-1) !== text) seen.push(text);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}`;

describe('rule run progress and findings export in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await serveDemo();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await app.api['rules.import']({ fileName: 'slow-check.yml', text: SLOW_RULE });
    await page.goto(app.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows progress, then findings with their authors, and exports them', async () => {
    await page.getByTestId('rules-open').click();
    // Every progress line the page shows, however briefly.
    await page.evaluate(RECORD_PROGRESS);
    await page.getByTestId('rules-run').click();
    await expect.poll(() => page.getByTestId('rules-done').textContent(), { timeout: 60_000 }).toMatch(/\d+ findings in/);
    const seen = (await page.evaluate('window.progressSeen')) as string[];
    expect(seen.length).toBeGreaterThan(0);
    // Each line names the rule being run, or sums up the rules run so far; which one a loaded
    // machine paints first is timing (the 183 detection rules run as one sweep in ~0.2 s).
    for (const line of seen) expect(line).toMatch(/^(Rule \d+ of \d+: \S|\d+ of \d+ rules run · \d+ findings? so far)/);
    expect(seen.some((t) => /^Rule \d+ of \d+: Slow check \(e2e\)/.test(t))).toBe(true);

    const row = page.getByTestId('finding-row').filter({ hasText: 'Okta MFA Reset or Deactivated' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Austin Songer @austinsonger');

    await page.getByTestId('findings-export-run').click();
    const status = page.getByTestId('findings-export-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    expect(await status.textContent()).toMatch(/^Exported [\d,]+ findings to trailkeeper-findings-run-\d+-\d{8}T\d{6}Z\.csv/);

    const [record] = (await app.api['exports.list']({ limit: 1 })).exports;
    expect(record).toMatchObject({ format: 'findings-csv', status: 'ok' });
    const download = page.waitForEvent('download');
    await page.getByTestId('findings-export-download').click();
    const file = await (await download).path();
    const bytes = readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record!.sha256);
    expect(bytes.toString('utf8')).toContain('Austin Songer @austinsonger');
    expect(await app.api['exports.verify']({ id: record!.id, checkWorkspace: true })).toMatchObject({ ok: true, filesChecked: 1 });
    expect(errors).toEqual([]);
  }, 180_000);
});
