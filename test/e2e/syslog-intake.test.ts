/**
 * Syslog intake as a user runs it in browser mode: Syslog… in the top bar starts the receiver on
 * a free port into a tenant, a real client (util-linux logger --rfc5424) sends over UDP and TCP,
 * garbage is counted, the panel's figures follow, Stop stops it, and the events are in the table.
 */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-process.ts';

const TENANT = 'Firewall syslog';

function logger(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('logger', args, (err, _out, stderr) => (err ? reject(new Error(`logger failed: ${stderr || err.message}`)) : resolve()));
  });
}

async function sendGarbage(port: number): Promise<void> {
  const udp = createSocket('udp4');
  await new Promise<void>((resolve, reject) => udp.send(Buffer.from('this is not syslog'), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  udp.close();
}

describe('Syslog intake in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await serveApp({ args: ['--no-demo'] });
    await app.api['tenants.create']({ name: TENANT, groups: [] });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('starts, counts what arrives (garbage too), stops, and the events show', async () => {
    await page.getByTestId('syslog-open').click();
    await page.getByTestId('syslog-dialog').waitFor();
    await expect.poll(() => page.getByTestId('syslog-tenant').locator('option', { hasText: TENANT }).count()).toBe(1);
    await page.getByTestId('syslog-port').fill('0');
    await page.getByTestId('syslog-start').click();
    await expect.poll(() => page.getByTestId('syslog-state').textContent()).toMatch(new RegExp(`^Listening on 127\\.0\\.0\\.1:\\d+ into ${TENANT}\\.$`));
    const port = (await app.api['syslog.status']({})).port;
    expect(port).toBeGreaterThan(0);

    const base = ['--rfc5424', '-n', '127.0.0.1', '-P', String(port), '-t', 'fw', '--msgid', 'DENY', '--sd-id', 'fw@32473', '--sd-param', 'src="192.0.2.7"'];
    await logger([...base, '-d', 'denied over UDP']);
    await logger([...base, '-T', 'denied over TCP']);
    await sendGarbage(port);

    await expect.poll(() => page.getByTestId('syslog-received').textContent(), { timeout: 15_000 }).toBe('received3');
    await expect.poll(() => page.getByTestId('syslog-written').textContent(), { timeout: 15_000 }).toBe('written2');
    expect(await page.getByTestId('syslog-garbage').textContent()).toBe('garbage1');
    expect(await page.getByTestId('syslog-problems').textContent()).not.toBe('');

    await page.getByTestId('syslog-stop').click();
    await expect.poll(() => page.getByTestId('syslog-state').textContent()).toBe('Stopped.');
    expect((await app.api['syslog.status']({})).running).toBe(false);
    await page.getByTestId('syslog-close').click();

    const tenant = (await app.api['tenants.list']({})).tenants.find((t) => t.name === TENANT)!;
    expect(tenant.eventCount).toBe(2);
    const picker = page.getByTestId('scope-picker');
    const value = await picker.locator('option', { hasText: TENANT }).first().getAttribute('value');
    await picker.selectOption(value!);
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 20_000 }).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
