/**
 * Secrets stay secret: canary tokens go through every path a secret takes in browser mode (add,
 * test, sync with a good token and with a refused one, a locked key store, bad input) over the
 * real HTTP host, and then are looked for everywhere: every reply and the event stream the page
 * gets, every log line, the workspace file and its WAL, and the secrets file (in clear, base64, hex).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';
import { secretsFilePath } from '../../../main/sync/start-sync.ts';
import { SIM } from '../../sim/tenants/credentials.ts';
import { startTenantSim, type TenantSim } from '../../sim/tenants/server.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const workerUrl = new URL('../../../main/store-worker/entry.ts', import.meta.url);
const resourcesDir = join(import.meta.dirname, '../../../resources');
const CANARY = 'canary-0d5e9f7a-refused-token';
const GOOD = SIM.okta.apiToken;

let sim: TenantSim | null = null;
let backend: Backend | null = null;
let host: HttpHost | null = null;
const logged: string[] = [];

beforeEach(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')));
  }
});

afterEach(async () => {
  await host?.close();
  await backend?.close();
  await sim?.close();
  vi.restoreAllMocks();
  removeTempDirs();
});

/** Every way the bytes of a secret could be written down. */
const forms = (secret: string) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), Buffer.from(secret, 'utf16le').toString('latin1')];

function expectNoSecret(where: string, text: string): void {
  for (const secret of [CANARY, GOOD]) for (const form of forms(secret)) expect(text.includes(form), `${where} holds a form of ${secret}`).toBe(false);
}

describe('secrets never leak', () => {
  it('the canary tokens appear in no reply, stream, log, workspace file, WAL or clear secrets file', async () => {
    sim = await startTenantSim({ end: Date.now() - 3_600_000, events: 300 });
    const workspacePath = tempWorkspacePath();
    backend = await startBackend({ workspacePath, resourcesDir, transport: 'http', workerUrl, demo: false });
    host = await startHttpHost({ handlers: backend.handlers, rendererDir: mkdtempSync(join(tmpdir(), 'tk-r-')), events: backend.sync.engine });
    const replies: string[] = [];
    const call = async (name: string, input: unknown) => {
      const res = await fetch(`http://127.0.0.1:${host!.port}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-trailkeeper-token': host!.token },
        body: JSON.stringify(input),
      });
      const text = await res.text();
      replies.push(text);
      return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
    };
    const stream = await fetch(`http://127.0.0.1:${host.port}/events`, { headers: { 'x-trailkeeper-token': host.token } });
    const reader = stream.body!.getReader();
    let streamed = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        streamed += new TextDecoder().decode(value);
      }
    })();

    // Locked key store: adding is refused with a sentence, and the secret is not echoed.
    const locked = await call('connections.add', { kind: 'okta', label: 'Early', baseUrl: sim.urls.okta, secret: CANARY });
    expect(locked.status).toBe(400);
    expect(locked.body.message).toBe('The secrets file is locked: enter your passphrase first.');
    expect((await call('secrets.unlock', { passphrase: 'a good long passphrase' })).body).toMatchObject({ ready: true });
    // Bad input beside a secret: the error names the field, not the value.
    const bad = await call('connections.add', { kind: 'okta', label: 'Bad', baseUrl: 'not a url', secret: CANARY });
    expect(bad.status).toBe(400);

    const verdict = await call('connections.test', { draft: { kind: 'okta', baseUrl: sim.urls.okta, secret: CANARY } });
    expect(verdict.body).toMatchObject({ ok: false });
    expect(String(verdict.body.message)).toMatch(/^Okta refused the API token \(401/);
    expect((await call('connections.test', { draft: { kind: 'okta', baseUrl: sim.urls.okta, secret: GOOD } })).body).toMatchObject({ ok: true });

    await call('connections.add', { kind: 'okta', label: 'Refused', baseUrl: sim.urls.okta, secret: CANARY });
    await call('connections.add', { kind: 'okta', label: 'Good', baseUrl: sim.urls.okta, secret: GOOD });
    await call('connections.add', { kind: 'github', label: 'GH', baseUrl: sim.urls.github, options: { org: SIM.github.org }, secret: CANARY });
    expect((await call('sync.start', {})).body).toMatchObject({ queued: expect.any(Array) });
    await backend.sync.engine.idle();
    const list = await call('connections.list', {});
    const connections = list.body.connections as { label: string; hasSecret: boolean; tenants: { lastError: string | null; eventCount: number }[] }[];
    expect(connections.find((c) => c.label === 'Good')!.tenants[0]!.eventCount).toBe(300);
    expect(connections.find((c) => c.label === 'Refused')!.tenants[0]!.lastError).toMatch(/401/);
    expect(connections.every((c) => c.hasSecret)).toBe(true);
    await call('sync.status', {});
    await call('tenants.list', {});

    // The workspace and its WAL while open, then the file after close; the sealed secrets file.
    const files = [workspacePath, `${workspacePath}-wal`].filter((f) => existsSync(f)).map((f) => [f, readFileSync(f).toString('latin1')] as const);
    await host.close();
    host = null;
    await pump;
    await backend.close();
    backend = null;
    files.push([workspacePath, readFileSync(workspacePath).toString('latin1')]);
    files.push([secretsFilePath(workspacePath), readFileSync(secretsFilePath(workspacePath)).toString('latin1')]);

    expect(streamed).toContain('"type":"progress"');
    expect(logged.join('\n')).toMatch(/sync of .* failed: Okta refused the API token \(401/); // the log did capture the refusal
    expectNoSecret('the replies', replies.join('\n'));
    expectNoSecret('the event stream', streamed);
    expectNoSecret('the log', logged.join('\n'));
    for (const [name, text] of files) expectNoSecret(name, text);
  }, 120_000);
});
