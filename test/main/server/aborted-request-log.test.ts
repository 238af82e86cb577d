/**
 * Issue 7 item 16: each aborted request used to log a multi-line stack trace, so any local
 * process could flood the log. An abort is one line, and the lines are rate-limited.
 */
import { format } from 'node:util';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';
import { openStalled, send } from './raw-http.ts';

const handlers = new Proxy({} as Handlers, { get: () => async () => ({ count: 1, tookMs: 0 }) });
let host: HttpHost;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tk-abortlog-'));
  mkdirSync(join(dir, 'renderer'));
  host = await startHttpHost({ handlers, rendererDir: join(dir, 'renderer') });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function abortOneUpload(): Promise<void> {
  const socket = await openStalled(
    host.port,
    `POST /api/events.count HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nx-trailkeeper-token: ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"view":`,
  );
  await new Promise((r) => setTimeout(r, 15));
  socket.destroy();
}

describe('aborted requests in the log', () => {
  it('log one line each, at most a bounded number per minute, however many arrive', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(...format(...args).split('\n'));
    const spies = [vi.spyOn(console, 'error').mockImplementation(capture), vi.spyOn(console, 'warn').mockImplementation(capture), vi.spyOn(console, 'log').mockImplementation(capture)];
    try {
      for (let i = 0; i < 40; i++) await abortOneUpload();
      // The host answers the next request normally: the aborts cost nothing else.
      expect((await send(host.port, `/api/events.count`, { method: 'POST', body: '{}', headers: { 'x-trailkeeper-token': host.token } })).status).toBe(400);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.join('\n')).not.toMatch(/^\s+at /m);
    expect(lines[0]).toMatch(/closed|aborted/i);
  });
});
