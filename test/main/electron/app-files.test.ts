import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/csp.ts';
import { appFileResponse, contentTypeFor, resolveAppPath } from '../../../main/electron/app-files.ts';

const root = '/srv/renderer';

describe('resolveAppPath', () => {
  it.each([
    ['app://trailkeeper/index.html', '/srv/renderer/index.html'],
    ['app://trailkeeper/', '/srv/renderer/index.html'],
    ['app://trailkeeper', '/srv/renderer/index.html'],
    ['app://trailkeeper/assets/index-abc.js', '/srv/renderer/assets/index-abc.js'],
    ['app://trailkeeper/assets/index-abc.js?v=3', '/srv/renderer/assets/index-abc.js'],
    ['app://trailkeeper/assets/codicon.ttf#x', '/srv/renderer/assets/codicon.ttf'],
    ['app://trailkeeper/assets/a%20b.css', '/srv/renderer/assets/a b.css'],
    // The URL parser folds dot segments inside the root; they never climb above it.
    ['app://trailkeeper/assets/../index.html', '/srv/renderer/index.html'],
    ['app://trailkeeper/../../etc/passwd', '/srv/renderer/etc/passwd'],
    ['app://trailkeeper/%2e%2e/%2E%2E/etc/passwd', '/srv/renderer/etc/passwd'],
    // Decoded once only: a double-encoded dot-dot is the harmless literal name "%2e%2e".
    ['app://trailkeeper/%252e%252e/x', '/srv/renderer/%2e%2e/x'],
  ])('%s → %s', (url, file) => {
    expect(resolveAppPath(root, url)).toBe(file);
  });

  it.each([
    // Encoded separators would turn into real ones after decoding.
    'app://trailkeeper/..%2f..%2fetc%2fpasswd',
    'app://trailkeeper/..%2F..%2Fetc%2Fpasswd',
    'app://trailkeeper/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://trailkeeper/..%5c..%5cwindows%5cwin.ini',
    'app://trailkeeper/assets/%2e%2e%5c%2e%2e%5csecret',
    'app://trailkeeper/..\\..\\etc\\passwd',
    'app://trailkeeper/C:%5cWindows%5cwin.ini',
    'app://trailkeeper/c%3a/Windows/win.ini',
    'app://trailkeeper/index.html%00.png',
    'app://trailkeeper/%E0%A4%A', // malformed percent-encoding
    // Other hosts, schemes and look-alikes.
    'app://other/index.html',
    'app://trailkeeper.evil/index.html',
    'app://trailkeeper@evil/index.html',
    'file:///srv/renderer/index.html',
    'https://trailkeeper/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/editor.worker.MJS', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/codicon.ttf', 'font/ttf'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/x.wasm', 'application/wasm'],
    ['assets/unknown.bin', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('appFileResponse', () => {
  let dir: string;
  let rendererRoot: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tk-app-files-'));
    rendererRoot = join(dir, 'renderer');
    mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Trailkeeper</title>');
    writeFileSync(join(rendererRoot, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => appFileResponse(rendererRoot, { url, method });

  it('serves index.html with its type and the CSP', async () => {
    const response = await get('app://trailkeeper/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Trailkeeper</title>');
  });

  it('serves a module script as JavaScript', async () => {
    const response = await get('app://trailkeeper/assets/main.js?x=1');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://trailkeeper/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://trailkeeper/missing.js',
    'app://trailkeeper/assets',
    'app://trailkeeper/..%2fsecret.txt',
    'app://trailkeeper/%2e%2e/secret.txt',
    'app://other/index.html',
  ])('answers 404 with the CSP for %s, never a file outside the root', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('outside the root');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://trailkeeper/index.html', 'POST')).status).toBe(405);
  });
});
