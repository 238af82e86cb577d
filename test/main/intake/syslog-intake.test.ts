/**
 * Syslog intake end to end over the contract's handlers: `logger --rfc5424` sends to the
 * receiver, the batches land in the chosen tenant of a real workspace (worker threads), and
 * verify re-derives them with the syslog normaliser the batches were named with.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../common/contract.ts';
import { ApiError } from '../../../main/api/errors.ts';
import { syslogHandlers } from '../../../main/intake/api-handlers.ts';
import { SyslogIntake } from '../../../main/intake/syslog-intake.ts';
import { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const workerUrl = new URL('../../support/test-store-worker.ts', import.meta.url);
let store: StoreHost;
let tenantId = 0;

beforeAll(async () => {
  store = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1 });
  const connectionId = await store.write('ensureConnection', { kind: 'syslog', label: 'Syslog', baseUrl: null });
  tenantId = await store.write('ensureTenant', { connectionId, tenant: { externalId: 'syslog:fw', name: 'Firewall', groups: [] } });
});
afterAll(async () => {
  await store.close();
  removeTempDirs();
});

const logger = (args: string[]): Promise<void> =>
  new Promise((resolve, reject) => execFile('logger', args, (err, _o, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve())));

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('syslog.start / syslog.status / syslog.stop', () => {
  it('receives into the chosen tenant, and verify re-derives what it wrote', async () => {
    const intake = new SyslogIntake(store);
    const h = syslogHandlers(intake);
    const started = calls['syslog.start'].output.parse(await h['syslog.start']({ tenantId, port: 0 }, {}));
    expect(started).toMatchObject({ running: true, tenantId, host: '127.0.0.1', received: 0 });
    const port = String(started.port);
    const sd = ['--sd-id', 'fw@32473', '--sd-param', 'user="carol"', '--sd-param', 'src="198.51.100.7"'];
    await logger(['--rfc5424', '-n', '127.0.0.1', '-P', port, '-d', '-p', 'authpriv.warning', '-t', 'fw', ...sd, 'denied over udp']);
    await logger(['--rfc5424', '-n', '127.0.0.1', '-P', port, '-T', '--octet-count', '-t', 'fw', ...sd, 'allowed over tcp']);
    await until(() => intake.status().written === 2);

    const status = calls['syslog.status'].output.parse(await h['syslog.status']({}, {}));
    expect(status).toMatchObject({ running: true, received: 2, written: 2, garbage: 0 });
    const view = { scope: { kind: 'tenants' as const, tenantIds: [tenantId] }, range: { from: null, to: null }, query: '' };
    const { rows } = await store.read('page', { view, order: 'oldest', after: null, limit: 10 });
    expect(rows.map((r) => [r.message, r.actorName, r.ip, r.severity]).sort()).toEqual([
      ['allowed over tcp', 'carol', '198.51.100.7', 'notice'],
      ['denied over udp', 'carol', '198.51.100.7', 'warning'],
    ]);
    const verdict = await store.read('verify', { tenantIds: [tenantId] });
    expect(verdict).toMatchObject({ ok: true, eventsChecked: 2, eventsNotRederived: 0 });

    const stopped = calls['syslog.stop'].output.parse(await h['syslog.stop']({}, {}));
    expect(stopped).toMatchObject({ running: false, written: 2 });
  });

  it('refuses an unknown tenant and a port in use with a sentence', async () => {
    const h = syslogHandlers(new SyslogIntake(store));
    await expect(h['syslog.start']({ tenantId: 999_999, port: 0 }, {})).rejects.toEqual(
      new ApiError('invalid_input', 'There is no tenant with id 999999 to receive syslog into.'),
    );
    const first = new SyslogIntake(store);
    const { port } = await first.start({ tenantId, port: 0 });
    await expect(h['syslog.start']({ tenantId, port }, {})).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(new RegExp(`^Cannot listen for syslog on 127\\.0\\.0\\.1:${port}`)) });
    await first.stop();
  });
});
