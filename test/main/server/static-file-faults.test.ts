/**
 * Issue 7 item 12: a static file that vanishes between its check and its read used to crash the
 * host (a read stream with no error listener), and a symlink inside the renderer folder was
 * followed outside it. Only regular files inside the folder are served; a fault is a 404/500.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';
import { send } from './raw-http.ts';

// The race, made deterministic: the first check of `vanishing.js` (stat or realpath) succeeds,
// then the file is gone before the host reads it.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const vanishAfter = <A extends unknown[], R>(fn: (p: string, ...rest: A) => Promise<R>) =>
    async (p: string, ...rest: A): Promise<R> => {
      const result = await fn(p, ...rest);
      if (String(p).endsWith('vanishing.js')) real.unlink(String(p)).catch(() => undefined);
      if (String(p).endsWith('vanishing.js')) await new Promise((r) => setTimeout(r, 20));
      return result;
    };
  // A file the host may not read (EACCES cannot be produced by chmod when tests run as root).
  const open = async (p: string, ...rest: unknown[]) => {
    if (String(p).endsWith('locked.js')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES' });
    return (real.open as (...a: unknown[]) => unknown)(p, ...rest);
  };
  const mocked = { ...real, open, stat: vanishAfter(real.stat as never), realpath: vanishAfter(real.realpath as never) };
  return { ...mocked, default: mocked };
});

const handlers = new Proxy({} as Handlers, { get: () => async () => ({}) });
let host: HttpHost;
let dir: string;
let renderer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tk-static-'));
  renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>tk</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  mkdirSync(join(dir, 'outside-dir'));
  writeFileSync(join(dir, 'outside-dir', 'x.js'), 'outside too');
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'leak.txt'));
  symlinkSync(join(dir, 'outside-dir'), join(renderer, 'linked-dir'));
  symlinkSync(join(renderer, 'assets', 'app.js'), join(renderer, 'inside-link.js'));
  host = await startHttpHost({ handlers, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => send(host.port, `${path}${path.includes('?') ? '&' : '?'}token=${host.token}`);

describe('static files', () => {
  it('a file that vanishes between its check and its read gets a 404 or 500, and the host keeps serving', async () => {
    writeFileSync(join(renderer, 'assets', 'vanishing.js'), 'soon gone');
    const res = await get('/assets/vanishing.js').catch((error: unknown) => ({ status: -1, body: String(error) }));
    expect([404, 500, -1]).toContain(res.status);
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/assets/app.js')).body).toBe('console.log(1)');
  });

  it('a file the host may not read gets a 500 with a sentence, and the host keeps serving', async () => {
    writeFileSync(join(renderer, 'assets', 'locked.js'), 'secret');
    const res = await get('/assets/locked.js');
    expect(res.status).toBe(500);
    expect(res.body).toBe('Trailkeeper could not read this file.\n');
    expect((await get('/assets/app.js')).status).toBe(200);
  });

  it('never follows a symlink out of the renderer folder', async () => {
    const leak = await get('/assets/leak.txt');
    expect(leak.status).toBe(404);
    expect(leak.body).not.toContain('outside the renderer');
    const viaDir = await get('/linked-dir/x.js');
    expect(viaDir.status).toBe(404);
    expect(viaDir.body).not.toContain('outside too');
  });

  it('serves a symlink that stays inside the folder, and refuses a directory', async () => {
    expect((await get('/inside-link.js')).body).toBe('console.log(1)');
    expect((await get('/assets')).status).toBe(404);
  });

  it('a file removed before the request is a plain 404', async () => {
    writeFileSync(join(renderer, 'gone.js'), 'x');
    unlinkSync(join(renderer, 'gone.js'));
    expect((await get('/gone.js')).status).toBe(404);
  });
});
