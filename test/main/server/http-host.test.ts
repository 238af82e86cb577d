import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { startHttpHost, staticPath, type HttpHost } from '../../../main/server/http-host.ts';

/** Handlers that record what reached them, so a refused request provably ran nothing. */
const reached: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, name: string) => async (input: unknown) => {
    reached.push(name);
    if (name === 'events.count') return { count: 7, tookMs: 1 };
    return { echo: input };
  },
});

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(host: HttpHost, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const validView = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };

describe('HTTP host', () => {
  let host: HttpHost;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tk-http-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>tk</title>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    host = await startHttpHost({ handlers, rendererDir: join(dir, 'renderer') });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback only and prints a URL with the token', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses an API call without the token or with a wrong one, running nothing', async () => {
    reached.length = 0;
    const body = JSON.stringify({ view: validView });
    const missing = await send(host, '/api/events.count', { method: 'POST', body });
    const wrong = await send(host, '/api/events.count', { method: 'POST', body, headers: { 'x-trailkeeper-token': host.token.slice(1) + 'x' } });
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'unauthorized' });
    expect(reached).toEqual([]);
  });

  it('answers a valid call with the token', async () => {
    const ok = await send(host, '/api/events.count', {
      method: 'POST',
      body: JSON.stringify({ view: validView }),
      headers: { 'x-trailkeeper-token': host.token },
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ count: 7, tookMs: 1 });
  });

  it('rejects invalid input with 400 naming the field, before the handler runs', async () => {
    reached.length = 0;
    const bad = await send(host, '/api/events.page', {
      method: 'POST',
      body: JSON.stringify({ view: validView, order: 'newest', after: null, limit: 0 }),
      headers: { 'x-trailkeeper-token': host.token },
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'invalid_input', field: 'limit' });
    const badScope = await send(host, '/api/events.count', {
      method: 'POST',
      body: JSON.stringify({ view: { ...validView, scope: { kind: 'tenants', tenantIds: ['x'] } } }),
      headers: { 'x-trailkeeper-token': host.token },
    });
    expect(JSON.parse(badScope.body)).toMatchObject({ code: 'invalid_input', field: 'view.scope.tenantIds.0' });
    const notJson = await send(host, '/api/events.count', { method: 'POST', body: '{nope', headers: { 'x-trailkeeper-token': host.token } });
    expect(notJson.status).toBe(400);
    const unknown = await send(host, '/api/shell.exec', { method: 'POST', body: '{}', headers: { 'x-trailkeeper-token': host.token } });
    expect(unknown.status).toBe(404);
    expect(reached).toEqual([]);
  });

  it('serves the page only with the token, then by the cookie it sets', async () => {
    expect((await send(host, '/')).status).toBe(401);
    const first = await send(host, `/?token=${host.token}`);
    expect(first.status).toBe(200);
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    // The cookie is the page's own session secret, never the API token (page-session-cookie.test.ts).
    expect(cookie).not.toContain(host.token);
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect((await send(host, '/index.html', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const res = await send(host, '/api/events.count', {
      method: 'POST',
      body: JSON.stringify({ view: validView }),
      headers: { host: `evil.example:${host.port}`, 'x-trailkeeper-token': host.token },
    });
    expect(res.status).toBe(421);
  });

  it('never serves a file outside the renderer folder', async () => {
    const res = await send(host, `/..%2fsecret.txt?token=${host.token}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the renderer');
    expect(staticPath('/srv/r', '/../secret.txt')).toBeNull();
    expect(staticPath('/srv/r', '/%2e%2e/secret.txt')).toBeNull();
    expect(staticPath('/srv/r', '/a%00b')).toBeNull();
    expect(staticPath('/srv/r', '/assets/x.js')).toBe('/srv/r/assets/x.js');
    expect(staticPath('/srv/r', '/')).toBe('/srv/r/index.html');
  });
});
