/**
 * `GET /download` over the real HTTP host: a finished export streams as an attachment with its
 * exact bytes, the manifest too; no token, an unfinished export or an unknown id gets a sentence.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../../common/contract.ts';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';
import { attachment } from '../../../main/server/download-route.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';

let host: HttpHost;
const body = 'id,tenant\r\n1,"Zoë, Inc."\r\n';
let records: ExportRecord[];

beforeAll(async () => {
  const dir = tempDir();
  const path = join(dir, 'trailkeeper-all-20250101T000000Z.csv');
  writeFileSync(path, body);
  writeFileSync(`${path}.manifest.json`, '{"format":"trailkeeper-export-manifest"}\n');
  const findings = join(dir, 'trailkeeper-findings-20250101T000000Z.ndjson');
  writeFileSync(findings, '{"ruleId":"r"}\n');
  const base = { name: 'x', format: 'csv', view: null, rows: 1, bytes: body.length, sha256: 'x', startedAt: 1, finishedAt: 2, error: null };
  records = [
    { ...base, id: 1, status: 'ok', path, manifestPath: `${path}.manifest.json` },
    { ...base, id: 2, status: 'running', path: join(dir, 'running.csv'), manifestPath: null },
    { ...base, id: 3, status: 'ok', format: 'findings-ndjson', path: findings, manifestPath: `${findings}.manifest.json` },
  ];
  const handlers = {
    'exports.list': async ({ id }: { id?: number }) => ({ exports: records.filter((r) => r.id === id) }),
  } as unknown as Handlers;
  host = await startHttpHost({ handlers, rendererDir: join(dir, 'renderer') });
});

afterAll(async () => {
  await host.close();
  removeTempDirs();
});

const get = (query: string, token: string | null = host.token) =>
  fetch(`http://127.0.0.1:${host.port}/download${query}`, { headers: token ? { 'x-trailkeeper-token': token } : {} });

describe('GET /download', () => {
  it('streams a finished export byte for byte as an attachment, and its manifest', async () => {
    const res = await get('?id=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="trailkeeper-all-20250101T000000Z.csv"; filename*=UTF-8\'\'trailkeeper-all-20250101T000000Z.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
    const manifest = await get('?id=1&file=manifest');
    expect(await manifest.json()).toEqual({ format: 'trailkeeper-export-manifest' });
  });

  it('serves a findings export as its file format, not as bytes of no type', async () => {
    const res = await get('?id=3');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(await res.text()).toBe('{"ruleId":"r"}\n');
  });

  it('refuses without the token, an unfinished export, an unknown id and a bad file name, each with a sentence', async () => {
    expect((await get('?id=1', null)).status).toBe(401);
    const running = await get('?id=2');
    expect(running.status).toBe(400);
    expect(((await running.json()) as { message: string }).message).toMatch(/did not finish \(running\)/);
    const unknown = await get('?id=99');
    expect(unknown.status).toBe(404);
    expect((await get('?id=1&file=../../etc/passwd')).status).toBe(400);
    expect((await get('?id=abc')).status).toBe(400);
  });

  it('keeps odd file names safe in the header', () => {
    expect(attachment('a"b\\c Zoë.csv')).toBe('attachment; filename="a_b_c Zo_.csv"; filename*=UTF-8\'\'a%22b%5Cc%20Zo%C3%AB.csv');
  });
});
