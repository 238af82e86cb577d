/**
 * Issue 7 item 4, in Chromium: a workspace holding an event nested 100,000 deep and one larger
 * than the viewer shows. Opening either must not blank the page: the inspector shows a note,
 * the table and the query box stay, Copy raw copies the exact raw text, and an ordinary event
 * opens in Monaco afterwards. The events are written straight through the store's writer, so
 * the test holds whatever nesting limit the importers apply: the inspector must cope with any
 * event a workspace can hold.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { normalizedEvent, type NormalizedEvent } from '../../main/domain/event.ts';
import { StoreHost } from '../../main/store-host/store-host.ts';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';

const artifacts = resolve(import.meta.dirname, '../../test-results');
const BASE_TS = Date.UTC(2025, 5, 1);
const DEEP = 100_000;

/** `{"k":[1,{"k":[1,…"leaf"…]}]}`: objects and arrays alternating, `depth` levels. */
function nestedJson(depth: number): string {
  let open = '';
  let close = '';
  for (let d = 0; d < depth; d++) {
    open += d % 2 === 0 ? '{"k":' : '[1,';
    close = (d % 2 === 0 ? '}' : ']') + close;
  }
  return open + '"leaf"' + close;
}

function event(sourceId: string, minute: number, action: string, raw: string): NormalizedEvent {
  const ts = BASE_TS + minute * 60_000;
  return normalizedEvent({ sourceId, ts, tsRaw: new Date(ts).toISOString(), action, raw, actorEmail: 'mallory@hostile.test' });
}

const deepRaw = nestedJson(DEEP);
const largeRaw = JSON.stringify({ action: 'blob.upload', blob: 'x'.repeat(1_200_000) });

/** A workspace with 20 ordinary events, then the large event, then the deep one (the newest). */
async function prepareWorkspace(workspacePath: string): Promise<void> {
  const host = await StoreHost.open({ workspacePath, workerUrl: new URL('../../main/store-worker/entry.ts', import.meta.url) });
  try {
    const connectionId = await host.write('ensureConnection', { kind: 'generic', label: 'Hostile sources', baseUrl: null });
    const tenantId = await host.write('ensureTenant', { connectionId, tenant: { externalId: 'hostile', name: 'Hostile Ltd', groups: [] } });
    const ordinary = Array.from({ length: 20 }, (_, i) =>
      event(`ordinary-${i}`, i, 'user.session.start', JSON.stringify({ uuid: `ordinary-${i}`, eventType: 'user.session.start', n: i })),
    );
    const result = await host.write('ingestBatch', {
      tenantId,
      events: [...ordinary, event('too-large', 30, 'blob.upload', largeRaw), event('too-deep', 40, 'nested.bomb', deepRaw)],
    });
    expect(result.inserted).toBe(22);
  } finally {
    await host.close();
  }
}

describe('an event too deep or too large to render', () => {
  let dir: string;
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tk-e2e-hostile-'));
    const workspace = join(dir, 'workspace.trailkeeper');
    await prepareWorkspace(workspace);
    app = await serveApp({ workspace, args: ['--no-demo'] });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.url);
    // expect.poll runs only inside a test; vi.waitFor retries in a hook.
    await vi.waitFor(async () => expect(await page.getByTestId('event-row').count()).toBe(22), { timeout: 30_000, interval: 100 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The id of the stored event with this action, through the typed API. */
  async function idOf(action: string): Promise<number> {
    const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: `action:${action}` };
    const { rows } = await app.api['events.page']({ view, order: 'newest', after: null, limit: 5 });
    expect(rows.length).toBe(1);
    return rows[0]!.id;
  }

  async function open(id: number): Promise<void> {
    await page.locator(`[data-testid="event-row"][data-event-id="${id}"]`).click();
    await expect.poll(() => page.getByTestId('event-detail').getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
  }

  async function copiedText(): Promise<string> {
    await page.evaluate('navigator.clipboard.writeText("")');
    await page.getByTestId('copy-raw').click();
    await expect.poll(() => page.getByTestId('copy-status').textContent(), { timeout: 15_000 }).toBe('Copied');
    return (await page.evaluate('navigator.clipboard.readText()')) as string;
  }

  it('the event nested 100,000 deep shows a note, the table stays, and Copy raw copies the exact raw', async () => {
    const id = await idOf('nested.bomb');
    const stored = await app.api['events.get']({ id });
    expect(stored.raw).toBe(deepRaw);
    await open(id);

    const note = page.getByTestId('raw-refused');
    await note.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await note.textContent()).toContain('This event is too deeply nested to display: it goes more than 256 levels deep.');
    expect(await page.getByTestId('event-detail').locator('.monaco-editor').count()).toBe(0);
    // The rest of the window is alive.
    expect(await page.getByTestId('event-row').count()).toBe(22);
    await expect.poll(() => page.getByTestId('query-input').isVisible()).toBe(true);
    expect(await page.getByTestId('panel-error').count()).toBe(0);

    expect(await copiedText()).toBe(deepRaw);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: resolve(artifacts, 'hostile-event-deep.png') });
  });

  it('the event larger than the viewer shows a note with the start of its text, and Copy raw copies all of it', async () => {
    await open(await idOf('blob.upload'));
    const note = page.getByTestId('raw-refused');
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain(`This event is too large to display: its raw text is ${largeRaw.length.toLocaleString('en-US')} characters`);
    expect(await page.getByTestId('raw-preview').textContent()).toBe(largeRaw.slice(0, 10_000) + '…');
    expect(await copiedText()).toBe(largeRaw);
  });

  it('after both, an ordinary event opens in Monaco, and the query box still filters the table', async () => {
    const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: 'action:user.session.start' };
    const { rows } = await app.api['events.page']({ view, order: 'newest', after: null, limit: 1 });
    await open(rows[0]!.id);
    const detail = page.getByTestId('event-detail');
    await detail.locator('.monaco-editor').waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => detail.locator('.monaco-editor .view-lines').textContent(), { timeout: 15_000 }).toContain('eventType');
    expect(await page.getByTestId('raw-refused').count()).toBe(0);

    const input = page.getByTestId('query-input');
    await input.fill('action:user.session.start');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 15_000 }).toBe(20);
    expect(pageErrors).toEqual([]);
  });
});
