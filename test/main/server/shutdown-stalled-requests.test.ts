/**
 * Issue 7 item 13: stopping used to wait for every in-flight request, so one half-sent request
 * held SIGTERM for the 300 s request timeout, and a second Ctrl-C was ignored. Now the host cuts
 * stalled connections after a short grace, and a second signal exits at once.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { startHttpHost } from '../../../main/server/http-host.ts';
import { guardProcess } from '../../../main/server/process-guard.ts';
import { stopOnSignals } from '../../../main/server/shutdown.ts';
import { openStalled } from './raw-http.ts';

const repo = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tk-shutdown-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HALF_SENT = (port: number, token: string) =>
  `POST /api/tenants.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-trailkeeper-token: ${token}\r\nContent-Length: 1000\r\n\r\n{`;

describe('stopping with a stalled request', () => {
  it('host.close() cuts a half-sent request after the grace period instead of waiting for it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'renderer'));
    const handlers = new Proxy({} as Handlers, { get: () => async () => ({ tenants: [], groups: [] }) });
    const host = await startHttpHost({ handlers, rendererDir: join(dir, 'renderer'), shutdownGraceMs: 300 });
    const stalled = await openStalled(host.port, HALF_SENT(host.port, host.token));
    const idle = await openStalled(host.port, '');
    const closedSockets = Promise.all([stalled, idle].map((s) => new Promise((r) => s.once('close', r))));
    const outcome = await Promise.race([host.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still waiting'), 10_000))]);
    expect(outcome).toBe('closed');
    await closedSockets;
  });

  it('`serve` exits on SIGTERM while a request is half-sent', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', join(repo, 'main/server/serve.ts'), '--workspace', join(dir, 'w.trailkeeper'), '--no-demo'], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const url = await new Promise<URL>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed no URL in 60 s:\n${output}`)), 60_000);
        child.stdout.on('data', () => {
          const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolveUrl(new URL(match[1]!));
          }
        });
        void exited.then(() => reject(new Error(`serve exited early:\n${output}`)));
      });
      const port = Number(url.port);
      const stalled = await openStalled(port, HALF_SENT(port, url.searchParams.get('token')!));
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
      stalled.destroy();
      expect(code, output).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});

describe('stop signals', () => {
  it('a second signal exits at once while the first stop still runs', () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    stopOnSignals({ stop: () => new Promise(() => undefined), exit: (code) => exits.push(code), log: () => undefined, source });
    source.emit('SIGINT');
    expect(exits).toEqual([]);
    source.emit('SIGTERM');
    expect(exits).toEqual([130]);
  });

  it('the first signal exits 0 once the stop finished', async () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    let finish!: () => void;
    stopOnSignals({ stop: () => new Promise<void>((r) => (finish = r)), exit: (code) => exits.push(code), log: () => undefined, source });
    source.emit('SIGTERM');
    finish();
    await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([0]);
  });
});

describe('process guard', () => {
  it('turns an escaped error into one log line instead of an exit', () => {
    const source = new EventEmitter();
    const lines: string[] = [];
    guardProcess(source, (line) => lines.push(line));
    const error = new TypeError('Invalid URL');
    source.emit('uncaughtException', error);
    source.emit('unhandledRejection', new Error('late\nsecond line'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('TypeError: Invalid URL');
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});
