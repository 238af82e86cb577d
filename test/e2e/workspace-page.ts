/**
 * The set-up most browser tests share: a workspace of `events` generated events
 * (workspace-fixture.ts), the browser-mode host on it, Debian's Chromium at 1440×900 on the app,
 * first rows painted. `firstPages` lists the view of every first page the page asked for (the
 * views it ran); `close` stops all of it and removes the workspace.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { CallInput } from '../../common/contract.ts';
import { removeTempDirs, tempDir } from '../main/store/fixtures.ts';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';
import { writeLargeWorkspace } from './workspace-fixture.ts';

export type View = CallInput<'events.count'>['view'];

export interface WorkspacePage {
  app: ServedApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  firstPages: View[];
  close(): Promise<void>;
}

export async function openWorkspacePage(opts: {
  name: string;
  events: number;
  startTs?: number;
  context?: BrowserContextOptions;
  clipboard?: boolean;
}): Promise<WorkspacePage> {
  const workspace = join(tempDir(), `${opts.name}.trailkeeper`);
  writeLargeWorkspace(workspace, opts.events, ...(opts.startTs === undefined ? [] : [opts.startTs]));
  const app = await serveApp({ workspace, args: ['--no-demo'] });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...opts.context });
  if (opts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  const page = await context.newPage();
  const firstPages: View[] = [];
  page.on('request', (r) => {
    if (!r.url().endsWith('/api/events.page')) return;
    const input = r.postDataJSON() as { view: View; after: unknown };
    if (input.after === null) firstPages.push(input.view);
  });
  await page.goto(app.url);
  await page.getByTestId('event-row').first().waitFor({ timeout: 30_000 });
  return {
    app,
    browser,
    context,
    page,
    firstPages,
    close: async () => {
      await browser.close();
      await app.stop();
      removeTempDirs();
    },
  };
}
