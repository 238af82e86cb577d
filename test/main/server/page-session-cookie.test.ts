/**
 * Issue 7 item 3: browsers send a 127.0.0.1 cookie to every port of 127.0.0.1, so the page's
 * cookie must be its own secret, never the API token, and it must not authorise any API call.
 * A reload that carries only the cookie must still get the page.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';
import { send } from './raw-http.ts';

const reached: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, name: string) => async () => {
    reached.push(name);
    return { tenants: [], groups: [] };
  },
});

let host: HttpHost;
let dir: string;
let cookie: string;
let setCookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tk-session-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>tk</title>');
  host = await startHttpHost({ handlers, rendererDir: join(dir, 'renderer') });
  const first = await send(host.port, `/?token=${host.token}`);
  expect(first.status).toBe(200);
  setCookie = String(first.headers['set-cookie']);
  cookie = setCookie.split(';')[0]!;
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the page session cookie', () => {
  it('is a secret of its own, not the API token, HttpOnly and SameSite=Strict', () => {
    const value = cookie.slice(cookie.indexOf('=') + 1);
    expect(value.length).toBeGreaterThanOrEqual(32);
    expect(value).not.toBe(host.token);
    expect(setCookie).not.toContain(host.token);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it('does not authorise an API call, neither as a cookie nor as the token header', async () => {
    reached.length = 0;
    const value = cookie.slice(cookie.indexOf('=') + 1);
    const byCookie = await send(host.port, '/api/tenants.list', { method: 'POST', body: '{}', headers: { cookie } });
    const byHeader = await send(host.port, '/api/tenants.list', { method: 'POST', body: '{}', headers: { 'x-trailkeeper-token': value } });
    const byQuery = await send(host.port, `/api/tenants.list?token=${host.token}`, { method: 'POST', body: '{}', headers: { cookie } });
    expect([byCookie.status, byHeader.status, byQuery.status]).toEqual([401, 401, 401]);
    expect(reached).toEqual([]);
  });

  it('lets a reload with only the cookie get the page, which never carries the API token', async () => {
    const reload = await send(host.port, '/', { headers: { cookie } });
    expect(reload.status).toBe(200);
    expect(reload.body).toContain('<title>tk</title>');
    expect(reload.body).not.toContain(host.token);
    expect(reload.headers['set-cookie']).toBeUndefined();
  });

  it('refuses the page to a forged or old cookie', async () => {
    const name = cookie.slice(0, cookie.indexOf('='));
    expect((await send(host.port, '/', { headers: { cookie: `${name}=${host.token}` } })).status).toBe(401);
    expect((await send(host.port, '/', { headers: { cookie: `${name}=x` } })).status).toBe(401);
  });

  it('still answers the API with the token header', async () => {
    const ok = await send(host.port, '/api/tenants.list', { method: 'POST', body: '{}', headers: { 'x-trailkeeper-token': host.token } });
    expect(ok.status).toBe(200);
  });
});
