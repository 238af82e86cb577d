/**
 * Browser-mode downloads by single-use ticket over the real HTTP host: `exports.downloadTicket`
 * (token in the header) answers a link without the token; the link streams the exact bytes with
 * no header, once; a used, expired or unknown ticket, or one for another export, gets a sentence.
 * Unfinished and Parquet exports are refused when the link is asked for. Outside the HTTP host
 * (the desktop app) the call answers that the export is already on disk.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportRecord } from '../../../common/contract.ts';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { exportHandlers } from '../../../main/export/api-handlers.ts';
import { TICKET_TTL_MS } from '../../../main/server/download-tickets.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';

let host: HttpHost;
const bodyA = 'id,tenant\r\n1,"Zoë, Inc."\r\n';
const bodyB = 'id,tenant\r\n2,Other\r\n';

beforeAll(async () => {
  const dir = tempDir();
  const file = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, body);
    writeFileSync(`${path}.manifest.json`, `{"of":"${name}"}\n`);
    return { path, manifestPath: `${path}.manifest.json` };
  };
  const base = { name: 'x', format: 'csv', view: null, rows: 1, bytes: 1, sha256: 'x', startedAt: 1, finishedAt: 2, error: null, status: 'ok' as const };
  const records: ExportRecord[] = [
    { ...base, id: 1, ...file('a.csv', bodyA) },
    { ...base, id: 2, ...file('b.csv', bodyB) },
    { ...base, id: 3, status: 'running', path: join(dir, 'running.csv'), manifestPath: null },
    { ...base, id: 4, format: 'ocsf-parquet', ...file('p.ocsf-parquet', '') },
  ];
  const handlers = {
    'exports.list': async ({ id }: { id?: number }) => ({ exports: records.filter((r) => r.id === id) }),
  } as unknown as Handlers;
  host = await startHttpHost({ handlers, rendererDir: join(dir, 'renderer') });
});

afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await host.close();
  removeTempDirs();
});

const base = () => `http://127.0.0.1:${host.port}`;
async function ticket(input: unknown): Promise<Response> {
  return fetch(`${base()}/api/exports.downloadTicket`, { method: 'POST', headers: { 'x-trailkeeper-token': host.token }, body: JSON.stringify(input) });
}
async function link(id: number, file: 'data' | 'manifest' = 'data'): Promise<string> {
  const res = await ticket({ id, file });
  expect(res.status).toBe(200);
  return ((await res.json()) as { url: string }).url;
}
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const messageOf = async (res: Response) => ((await res.json()) as { message: string }).message;

describe('download by ticket', () => {
  it('streams the export byte for byte with no token header, and only once', async () => {
    const url = await link(1);
    expect(url).toMatch(/^\/download\?id=1&file=data&ticket=[\w-]{43}$/);
    expect(url).not.toContain(host.token);
    const res = await fetch(base() + url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="a\.csv"/);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(bodyA));
    const again = await fetch(base() + url);
    expect(again.status).toBe(404);
    expect(await messageOf(again)).toMatch(/already used or has expired/);
  });

  it('a manifest ticket opens the manifest only', async () => {
    const url = await link(1, 'manifest');
    expect(await (await fetch(base() + url)).json()).toEqual({ of: 'a.csv' });
    const data = new URL(await link(1, 'manifest'), base());
    data.searchParams.set('file', 'data');
    expect((await fetch(data)).status).toBe(401);
  });

  it('a ticket for export 1 cannot fetch export 2, and is spent by trying', async () => {
    const url = new URL(await link(1), base());
    url.searchParams.set('id', '2');
    const res = await fetch(url);
    expect(res.status).toBe(401);
    expect(await messageOf(res)).toBe("This download link is for export 1's file, not the one asked for.");
    url.searchParams.set('id', '1');
    expect((await fetch(url)).status).toBe(404);
  });

  it('an unknown or expired ticket gets a sentence, not a file', async () => {
    const unknown = await fetch(`${base()}/download?id=1&ticket=${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await messageOf(unknown)).toMatch(/press Download again/);
    const url = await link(2);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + TICKET_TTL_MS + 1);
    expect((await fetch(base() + url)).status).toBe(404);
  });

  it('the token never works from a URL, and a download without ticket or header is refused', async () => {
    expect((await fetch(`${base()}/download?id=1&token=${host.token}`)).status).toBe(401);
    expect((await fetch(`${base()}/download?id=1`)).status).toBe(401);
    expect((await fetch(`${base()}/download?id=1&file=data&ticket=`)).status).toBe(404);
  });

  it('refuses a link to an unfinished, a Parquet or an unknown export, with a sentence', async () => {
    const running = await ticket({ id: 3 });
    expect(running.status).toBe(400);
    expect(await messageOf(running)).toMatch(/did not finish \(running\)/);
    const parquet = await ticket({ id: 4 });
    expect(parquet.status).toBe(400);
    expect(await messageOf(parquet)).toMatch(/folder of Parquet files/);
    expect((await ticket({ id: 99 })).status).toBe(404);
    expect((await ticket({ id: 1, file: '../x' })).status).toBe(400);
    const noToken = await fetch(`${base()}/api/exports.downloadTicket`, { method: 'POST', body: '{"id":1}' });
    expect(noToken.status).toBe(401);
  });
});

describe('download links in the desktop app', () => {
  it('answer that the export is already on disk', async () => {
    const handlers = exportHandlers({ store: {} as StoreHost, version: '0', workspacePath: '/w/x.trailkeeper', transport: 'ipc' });
    await expect(handlers['exports.downloadTicket']({ id: 1, file: 'data' }, {})).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Download links are for browser mode/) });
  });
});
