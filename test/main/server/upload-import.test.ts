/**
 * Issue 8, import from the UI (host side): `POST /upload` streams the file to a private temp
 * folder, imports it through the store writer, answers NDJSON with a summary, and deletes the
 * file. An oversize upload is a 413 that imports nothing; an aborted one leaves no file and logs
 * one line. Runs against the real host and a real workspace.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadLineSchema, type ImportSummary, type Tenant, type UploadLine } from '../../../common/contract.ts';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';
import { openStalled, send, type Reply } from './raw-http.ts';

const repo = resolve(import.meta.dirname, '../../..');
const SAMPLE = readFileSync(join(repo, 'test/fixtures/samples/cloudtrail/otrf-ec2-proxy-s3-exfiltration.jsonl'), 'utf8').split('\n').filter(Boolean);
const MAX_UPLOAD = 64 * 1024;

let dir: string;
let uploads: string;
let backend: Backend;
let host: HttpHost;
const logLines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tk-upload-'));
  uploads = join(dir, 'uploads');
  mkdirSync(uploads);
  mkdirSync(join(dir, 'renderer'));
  backend = await startBackend({
    workspacePath: join(dir, 'w.trailkeeper'),
    resourcesDir: join(repo, 'resources'),
    transport: 'http',
    workerUrl: pathToFileURL(join(repo, 'main/store-worker/entry.ts')),
    demo: false,
  });
  host = await startHttpHost({
    handlers: backend.handlers,
    rendererDir: join(dir, 'renderer'),
    importFile: (args, opts) => backend.store.write('importFile', args, opts),
    maxUploadBytes: MAX_UPLOAD,
    uploadTempRoot: uploads,
    log: (line) => logLines.push(line),
  });
});
afterAll(async () => {
  await host?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ 'x-trailkeeper-token': host.token });

async function call<T>(name: string, input: unknown): Promise<T> {
  const res = await send(host.port, `/api/${name}`, { method: 'POST', body: JSON.stringify(input), headers: auth() });
  expect(res.status, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

function upload(query: string, body: string | Buffer, headers: Record<string, string> = auth()): Promise<Reply> {
  return send(host.port, `/upload?${query}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream', ...headers } });
}

function linesOf(reply: Reply): UploadLine[] {
  return reply.body.split('\n').filter(Boolean).map((l) => uploadLineSchema.parse(JSON.parse(l)));
}

function summaryOf(reply: Reply): ImportSummary {
  const last = linesOf(reply).at(-1);
  if (last?.kind !== 'done') throw new Error(`no summary: ${reply.status} ${reply.body}`);
  return last.summary;
}

async function countIn(tenantId: number): Promise<number> {
  const view = { scope: { kind: 'tenants', tenantIds: [tenantId] }, range: { from: null, to: null }, query: '' };
  return (await call<{ count: number }>('events.count', { view })).count;
}

let tenant: Tenant;

describe('tenants.create', () => {
  it('creates a tenant under "Imported files", and the same name finds it again', async () => {
    tenant = await call<Tenant>('tenants.create', { name: 'Incident 42', groups: ['ir'] });
    expect(tenant).toMatchObject({ name: 'Incident 42', connectionLabel: 'Imported files', groups: ['ir'], eventCount: 0 });
    expect((await call<Tenant>('tenants.create', { name: 'Incident 42' })).id).toBe(tenant.id);
    const blank = await send(host.port, '/api/tenants.create', { method: 'POST', body: JSON.stringify({ name: '  ' }), headers: auth() });
    expect(blank.status).toBe(400);
  });
});

describe('POST /upload', () => {
  const good = SAMPLE.slice(0, 30);
  const file = [...good.slice(0, 4), '{"this is": not json', ...good.slice(4)].join('\n') + '\n';

  it('imports an NDJSON file and answers its summary: added, duplicates, rejected with line numbers', async () => {
    const reply = await upload(`tenantId=${tenant.id}&name=trail.jsonl`, file);
    expect(reply.status, reply.body).toBe(200);
    expect(reply.headers['content-type']).toContain('application/x-ndjson');
    const summary = summaryOf(reply);
    expect(summary).toMatchObject({ tenantId: tenant.id, fileName: 'trail.jsonl', bytes: Buffer.byteLength(file), added: 30, duplicates: 0, rejected: 1 });
    expect(summary.rejectedSamples[0]!.line).toBe(5);
    expect(await countIn(tenant.id)).toBe(30);
    const detail = await call<{ rows: { action: string }[] }>('events.page', {
      view: { scope: { kind: 'tenants', tenantIds: [tenant.id] }, range: { from: null, to: null }, query: '' },
      order: 'oldest',
      after: null,
      limit: 5,
    });
    expect(detail.rows).toHaveLength(5);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('counts a second upload of the same file as duplicates, forcing the source kind', async () => {
    const summary = summaryOf(await upload(`tenantId=${tenant.id}&name=again.jsonl&sourceKind=cloudtrail`, file));
    expect(summary).toMatchObject({ added: 0, duplicates: 30, rejected: 1 });
    expect(await countIn(tenant.id)).toBe(30);
  });

  it('refuses an upload over the limit with 413 and a sentence, importing nothing (declared or streamed)', async () => {
    const big = SAMPLE.slice(30).join('\n').repeat(3);
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_UPLOAD);
    const declared = await upload(`tenantId=${tenant.id}&name=big.jsonl`, big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).message).toMatch(/^The file is larger than the upload limit of 64 KiB; nothing was imported\./);
    const streamed = await new Promise<Reply>((resolveReply, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: `/upload?tenantId=${tenant.id}&name=big.jsonl`, method: 'POST', headers: { host: `127.0.0.1:${host.port}`, ...auth(), 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.from(big.slice(0, 16 * 1024));
      let sent = 0;
      const pump = () => {
        while (sent < 8 && req.write(chunk)) sent++;
        if (sent < 8) req.once('drain', () => { sent++; pump(); });
        else req.end();
      };
      pump();
    });
    expect(streamed.status).toBe(413);
    expect(await countIn(tenant.id)).toBe(30);
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('leaves no temporary file after an aborted upload, logs one line, and imports nothing', async () => {
    const other = await call<Tenant>('tenants.create', { name: 'Aborted upload' });
    logLines.length = 0;
    const socket = await openStalled(
      host.port,
      `POST /upload?tenantId=${other.id}&name=cut.jsonl HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nx-trailkeeper-token: ${host.token}\r\nContent-Length: 50000\r\n\r\n${SAMPLE.slice(0, 10).join('\n')}`,
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(readdirSync(uploads)).toHaveLength(1);
    socket.destroy();
    for (let i = 0; i < 50 && readdirSync(uploads).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(uploads)).toEqual([]);
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toMatch(/upload of cut\.jsonl was closed by the client after \d+ bytes; nothing was imported/);
    expect(await countIn(other.id)).toBe(0);
  });

  it('refuses a bad request with a sentence naming what is wrong, storing nothing', async () => {
    const noToken = await upload(`tenantId=${tenant.id}&name=x.jsonl`, file, {});
    expect(noToken.status).toBe(401);
    const noTenant = await upload('name=x.jsonl', file);
    expect(noTenant.status).toBe(400);
    expect(JSON.parse(noTenant.body)).toMatchObject({ field: 'tenantId' });
    const unknownTenant = await upload('tenantId=999999&name=x.jsonl', file);
    expect(unknownTenant.status).toBe(404);
    const badKind = await upload(`tenantId=${tenant.id}&sourceKind=windows`, file);
    expect(badKind.status).toBe(400);
    expect(JSON.parse(badKind.body).message).toContain('okta, github, cloudtrail');
    const getIt = await send(host.port, `/upload?tenantId=${tenant.id}`, { headers: auth() });
    expect(getIt.status).toBe(400);
    const garbage = await upload(`tenantId=${tenant.id}&name=notes.bin`, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body).message).toMatch(/^The file could not be imported: notes\.bin/);
    expect(await countIn(tenant.id)).toBe(30);
    expect(readdirSync(uploads)).toEqual([]);
  });
});

describe('cancelling an import in progress', () => {
  it('aborts the store import when the client goes away, removes the file, logs one line', async () => {
    const lines: string[] = [];
    let sawAbort = false;
    let started!: () => void;
    const importerStarted = new Promise<void>((r) => (started = r));
    const cancellable = await startHttpHost({
      handlers: backend.handlers,
      rendererDir: join(dir, 'renderer'),
      uploadTempRoot: uploads,
      log: (line) => lines.push(line),
      importFile: (_args, { signal, onProgress }) =>
        new Promise((_resolve, reject) => {
          onProgress({ bytesRead: 1, totalBytes: 2, inserted: 0, duplicates: 0, problems: 0 });
          started();
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('aborted by the test'));
          });
        }),
    });
    try {
      const body = SAMPLE.slice(0, 3).join('\n');
      const socket = await openStalled(
        cancellable.port,
        `POST /upload?tenantId=${tenant.id}&name=slow.jsonl HTTP/1.1\r\nHost: 127.0.0.1:${cancellable.port}\r\nx-trailkeeper-token: ${cancellable.token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      await importerStarted;
      expect(readdirSync(uploads)).toHaveLength(1);
      socket.destroy();
      for (let i = 0; i < 50 && readdirSync(uploads).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(sawAbort).toBe(true);
      expect(readdirSync(uploads)).toEqual([]);
      expect(lines).toEqual([expect.stringMatching(/import of slow\.jsonl was cancelled by the client/)]);
    } finally {
      await cancellable.close();
    }
  });
});
