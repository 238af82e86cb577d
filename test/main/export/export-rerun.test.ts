/**
 * Run again: a recorded export starts a new one with the same view, format and options, under a
 * new name beside the original, with its own manifest; an unknown id and a bad recorded view are
 * named, and nothing is started for them.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../../common/contract.ts';
import { exportHandlers } from '../../../main/export/api-handlers.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { fillWorkspace, openExportWorkspace } from './export-fixture.ts';

let workspacePath: string;
let store: StoreHost;
let handlers: Awaited<ReturnType<typeof openExportWorkspace>>['handlers'];
let clock = Date.UTC(2026, 0, 2, 3, 4, 5);

async function settledRecord(started: ExportRecord): Promise<ExportRecord> {
  await handlers.settled(started.id);
  return (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports[0]!;
}

beforeAll(async () => {
  workspacePath = join(tempDir(), 'workspace.trailkeeper');
  const opened = await openExportWorkspace(workspacePath);
  store = opened.store;
  await fillWorkspace(store, 2_000);
  // A clock a second apart per export, so each default name is new.
  handlers = exportHandlers({ store, version: '9.9.9-test', workspacePath, transport: 'cli', now: () => (clock += 1000) });
}, 120_000);

afterAll(async () => {
  await store.close();
  removeTempDirs();
});

describe('exports.rerun', () => {
  it('runs the same view, order, format and options again into a new file with its own manifest', async () => {
    const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: 'alice' };
    const first = await settledRecord(await handlers['exports.start']({ view, order: 'oldest', format: 'ndjson', fields: true }, {}));
    expect(first.status).toBe('ok');
    expect(first.rows).toBeGreaterThan(0);

    const again = await settledRecord(await handlers['exports.rerun']({ id: first.id }, {}));
    expect(again.id).not.toBe(first.id);
    expect(again).toMatchObject({ status: 'ok', format: 'ndjson', rows: first.rows, bytes: first.bytes, sha256: first.sha256 });
    expect(again.view).toEqual(first.view);
    expect(again.path).not.toBe(first.path);
    expect(dirname(again.path)).toBe(dirname(first.path));
    expect(again.name).toMatch(/^trailkeeper-all-\d{8}T\d{6}Z(-\d+)?\.ndjson$/);
    // Same rows, same bytes (fields included, oldest first); each file keeps its own manifest.
    expect(readFileSync(again.path)).toEqual(readFileSync(first.path));
    expect(again.manifestPath).not.toBe(first.manifestPath);
    expect(existsSync(first.manifestPath!)).toBe(true);
    const manifest = JSON.parse(readFileSync(again.manifestPath!, 'utf8')) as { files: { name: string }[]; view: unknown };
    expect(manifest.files.map((f) => f.name)).toEqual([again.name]);
    expect(manifest.view).toEqual(first.view);
    expect((await handlers['exports.verify']({ id: again.id, checkWorkspace: true }, {})).ok).toBe(true);
  });

  it('keeps a recorded CSV a CSV and its scope its scope', async () => {
    const { tenants } = await store.read('tenants', undefined);
    const view = { scope: { kind: 'tenants' as const, tenantIds: [tenants[0]!.id] }, range: { from: null, to: null }, query: 'bob' };
    const first = await settledRecord(await handlers['exports.start']({ view, order: 'newest', format: 'csv', fields: false }, {}));
    expect(first.rows).toBeGreaterThan(0);
    const again = await settledRecord(await handlers['exports.rerun']({ id: first.id }, {}));
    expect(again).toMatchObject({ status: 'ok', format: 'csv', rows: first.rows });
    expect(again.name).toMatch(/^trailkeeper-acme-corp-.*\.csv$/);
    expect(readFileSync(again.path, 'utf8')).toBe(readFileSync(first.path, 'utf8'));
  });

  it('names an id that is not in the history, and starts nothing', async () => {
    const before = (await handlers['exports.list']({ limit: 1000 }, {})).exports.length;
    await expect(handlers['exports.rerun']({ id: 999_999 }, {})).rejects.toMatchObject({
      code: 'not_found',
      message: 'There is no export with id 999999 in this workspace.',
    });
    expect((await handlers['exports.list']({ limit: 1000 }, {})).exports.length).toBe(before);
  });

  it('refuses a recorded view it cannot read with a sentence, and starts nothing', async () => {
    const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: 'carol' };
    const first = await settledRecord(await handlers['exports.start']({ view, order: 'oldest', format: 'json', fields: false }, {}));
    const db = new Database(workspacePath);
    db.prepare(`UPDATE exports SET view = '{"scope":{"kind":"planet"}}' WHERE id = ?`).run(first.id);
    db.close();
    const before = (await handlers['exports.list']({ limit: 1000 }, {})).exports.length;
    await expect(handlers['exports.rerun']({ id: first.id }, {})).rejects.toMatchObject({
      code: 'invalid_input',
      message: `Export ${first.id} cannot be run again: its recorded view or format is not one this version understands.`,
    });
    expect((await handlers['exports.list']({ limit: 1000 }, {})).exports.length).toBe(before);
  });
});
