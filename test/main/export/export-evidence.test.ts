/**
 * What makes an export evidence: flipping one byte in the file, in the manifest, or in a stored
 * event after export makes verify fail and name it; cancel and a full disk leave nothing under
 * the final name; the history survives a restart, and an export a crash left running is closed.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../../common/contract.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { mountSmallDisk } from '../store/read-only-places.ts';
import { fillWorkspace, openExportWorkspace } from './export-fixture.ts';

const all = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };
let dir: string;
let workspacePath: string;
let store: StoreHost;
let handlers: Awaited<ReturnType<typeof openExportWorkspace>>['handlers'];

async function runExport(input: Parameters<typeof handlers['exports.start']>[0]): Promise<ExportRecord> {
  const started = await handlers['exports.start'](input, {});
  await handlers.settled(started.id);
  return (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports[0]!;
}

function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(path, bytes);
}

beforeAll(async () => {
  dir = tempDir();
  workspacePath = join(dir, 'workspace.trailkeeper');
  ({ store, handlers } = await openExportWorkspace(workspacePath));
  await fillWorkspace(store, 40_000);
}, 120_000);

afterAll(async () => {
  await store.close();
  removeTempDirs();
});

describe('verify', () => {
  for (const format of ['csv', 'ndjson', 'json'] as const) {
    it(`${format}: one flipped byte in the file is named, and the untouched file verifies again`, async () => {
      const done = await runExport({ view: { ...all, query: 'alice' }, order: 'oldest', format, fields: false });
      const keep = `${done.path}.keep`;
      copyFileSync(done.path, keep);
      flipByte(done.path, Math.floor(done.bytes / 2));
      const bad = await handlers['exports.verify']({ id: done.id, checkWorkspace: true }, {});
      expect(bad.ok).toBe(false);
      expect(bad.firstMismatch).toMatchObject({ kind: 'file', where: done.name });
      expect(bad.firstMismatch!.detail).toMatch(/changed after export/);
      copyFileSync(keep, done.path);
      expect((await handlers['exports.verify']({ id: done.id, checkWorkspace: true }, {})).ok).toBe(true);
    });
  }

  it('one flipped byte in the manifest is named (its self-hash no longer matches)', async () => {
    const done = await runExport({ view: { ...all, query: 'bob' }, order: 'oldest', format: 'ndjson', fields: false });
    const text = readFileSync(done.manifestPath!, 'utf8');
    // A digit of the recorded size: still valid JSON, a different claim.
    const at = text.indexOf('"bytes": ') + '"bytes": '.length;
    flipByte(done.manifestPath!, at);
    const bad = await handlers['exports.verify']({ manifestPath: done.manifestPath!, checkWorkspace: false }, {});
    expect(bad).toMatchObject({ ok: false, firstMismatch: { kind: 'manifest', where: done.manifestPath } });
    expect(bad.firstMismatch!.detail).toMatch(/changed after export/);
  });

  it('a stored event edited after export is named by id and row when verifying against the workspace', async () => {
    const done = await runExport({ view: { ...all, query: 'carol' }, order: 'oldest', format: 'csv', fields: false });
    const lines = readFileSync(done.path, 'utf8').split('\r\n');
    const victim = Number(lines[3]!.split(',')[0]);
    const db = new Database(workspacePath);
    db.prepare(`UPDATE event_raw SET raw = replace(raw, 'carol', 'karol') WHERE id = ?`).run(victim);
    db.close();
    const bad = await handlers['exports.verify']({ id: done.id, checkWorkspace: true }, {});
    expect(bad).toMatchObject({ ok: false, eventsChecked: 2, firstMismatch: { kind: 'event', where: `event id ${victim} (row 3 of ${done.name})` } });
    // The files themselves still match their manifest.
    expect((await handlers['exports.verify']({ id: done.id, checkWorkspace: false }, {})).ok).toBe(true);
  });

  it('a manifest that is not one, or missing, is a clear verdict', async () => {
    const notOne = join(dir, 'not-a-manifest.json');
    writeFileSync(notOne, '{"hello": 1}');
    expect((await handlers['exports.verify']({ manifestPath: notOne, checkWorkspace: false }, {})).firstMismatch!.detail).toMatch(/not a Trailkeeper export manifest/);
    expect((await handlers['exports.verify']({ manifestPath: join(dir, 'gone.json'), checkWorkspace: false }, {})).firstMismatch!.detail).toMatch(/cannot be read \(ENOENT\)/);
  });
});

describe('cancel and failure', () => {
  it('cancel mid-export leaves no file under the final name and no partial file, and the history says cancelled', async () => {
    const started = await handlers['exports.start']({ view: all, order: 'newest', format: 'ndjson', fields: true }, {});
    for (;;) {
      const [now] = (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports;
      if (now!.rows > 0 || now!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    expect((await handlers['exports.cancel']({ id: started.id }, {})).cancelled).toBe(true);
    const [done] = (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports;
    expect(done!.status).toBe('cancelled');
    expect(done!.rows).toBeGreaterThan(0);
    expect(done!.rows).toBeLessThan(40_009);
    expect(existsSync(done!.path)).toBe(false);
    // The worker removes its partial file as it stops.
    for (let i = 0; i < 100 && existsSync(`${done!.path}.partial`); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(`${done!.path}.partial`)).toBe(false);
    expect(existsSync(`${done!.path}.manifest.json`)).toBe(false);
  });

  it('a full disk (a 256 KiB tmpfs) fails with a sentence and leaves no half file', async (ctx) => {
    const small = join(dir, 'small-disk');
    mkdirSync(small, { recursive: true });
    const undo = mountSmallDisk(small, 256 * 1024);
    if (!undo) return ctx.skip();
    try {
      const done = await runExport({ view: all, order: 'oldest', format: 'csv', fields: false, path: join(small, 'evidence.csv') });
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/^The disk is full: the export to .*evidence\.csv was stopped and its partial file removed\./);
      expect(readdirSync(small)).toEqual([]);
    } finally {
      undo();
    }
  });

  it('a folder that does not exist is refused before anything starts', async () => {
    await expect(handlers['exports.start']({ view: all, order: 'oldest', format: 'csv', fields: false, path: join(dir, 'nope', 'x.csv') }, {}))
      .rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/does not exist/) });
  });
});

describe('history', () => {
  it('survives a restart; an export a crash left running is closed as failed and its partial removed', async () => {
    const done = await runExport({ view: { ...all, query: 'erin' }, order: 'oldest', format: 'csv', fields: false });
    const orphan = join(dir, 'orphan.csv');
    writeFileSync(`${orphan}.partial`, 'half');
    await store.write('exportBegin', { format: 'csv', view: all, path: orphan, startedAt: 1 });
    await store.close();
    ({ store, handlers } = await openExportWorkspace(workspacePath));
    const { exports } = await handlers['exports.list']({ limit: 100 }, {});
    const again = exports.find((e) => e.id === done.id)!;
    expect(again).toMatchObject({ status: 'ok', rows: done.rows, bytes: done.bytes, sha256: done.sha256, name: done.name });
    expect(again.view).toEqual({ ...all, query: 'erin', order: 'oldest' });
    const closed = exports.find((e) => e.path === orphan)!;
    expect(closed.status).toBe('failed');
    expect(closed.error).toMatch(/stopped before this export finished/);
    expect(existsSync(`${orphan}.partial`)).toBe(false);
  });
});
