/**
 * The desktop capability for exports, with a fake Save dialog and a fake shell over a real
 * workspace: a chosen path gets the file and its manifest, a closed dialog starts nothing; Reveal
 * in folder shows only a path the history holds, and over HTTP (no capability) points to Download.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../../common/contract.ts';
import { exportHandlers, exportsFolder } from '../../../main/export/api-handlers.ts';
import { desktopExports, type DesktopExports, type SaveOptions } from '../../../main/export/desktop-exports.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { fillWorkspace, openExportWorkspace } from './export-fixture.ts';

const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: 'alice' };
const at = Date.UTC(2026, 4, 6, 7, 8, 9);

/** A fake of what Electron supplies: answers the dialog from `answer`, remembers what it was asked. */
class FakeDesktop implements DesktopExports {
  answer: string | null = null;
  offered: string[] = [];
  revealed: string[] = [];
  chooseSavePath(defaultPath: string): Promise<string | null> {
    this.offered.push(defaultPath);
    return Promise.resolve(this.answer);
  }
  revealInFolder(path: string): void {
    this.revealed.push(path);
  }
}

let dir: string;
let workspacePath: string;
let store: StoreHost;
let desktop: FakeDesktop;
let handlers: ReturnType<typeof exportHandlers>;
let http: ReturnType<typeof exportHandlers>;

async function settled(started: ExportRecord): Promise<ExportRecord> {
  await handlers.settled(started.id);
  return (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports[0]!;
}

const historySize = async () => (await handlers['exports.list']({ limit: 1000 }, {})).exports.length;

beforeAll(async () => {
  dir = tempDir();
  workspacePath = join(dir, 'workspace.trailkeeper');
  ({ store } = await openExportWorkspace(workspacePath));
  await fillWorkspace(store, 1_000);
  http = exportHandlers({ store, version: '9.9.9-test', workspacePath, transport: 'http', now: () => at });
}, 120_000);

beforeEach(() => {
  desktop = new FakeDesktop();
  handlers = exportHandlers({ store, version: '9.9.9-test', workspacePath, transport: 'ipc', now: () => at, desktop });
});

afterAll(async () => {
  await store.close();
  removeTempDirs();
});

describe('exports.start with the Save dialog', () => {
  it('offers the default name in the exports folder and writes the file and its manifest where the user chose', async () => {
    const chosenDir = join(dir, 'evidence');
    mkdirSync(chosenDir);
    desktop.answer = join(chosenDir, 'case-42.csv');
    const done = await settled(await handlers['exports.start']({ view, order: 'oldest', format: 'csv', fields: false }, {}));
    expect(desktop.offered).toEqual([join(exportsFolder(workspacePath), 'trailkeeper-all-20260506T070809Z.csv')]);
    expect(done).toMatchObject({ status: 'ok', path: desktop.answer, name: 'case-42.csv', manifestPath: join(chosenDir, 'case-42.csv.manifest.json') });
    expect(done.rows).toBeGreaterThan(0);
    expect(readdirSync(chosenDir).sort()).toEqual(['case-42.csv', 'case-42.csv.manifest.json']);
    expect((await handlers['exports.verify']({ id: done.id, checkWorkspace: true }, {})).ok).toBe(true);
  });

  it('a closed dialog starts nothing and says so', async () => {
    desktop.answer = null;
    const before = await historySize();
    await expect(handlers['exports.start']({ view, order: 'oldest', format: 'ndjson', fields: false }, {})).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The save dialog was closed, so nothing was exported.',
    });
    expect(desktop.offered).toHaveLength(1);
    expect(await historySize()).toBe(before);
    expect(readdirSync(exportsFolder(workspacePath)).filter((f) => f.endsWith('.ndjson'))).toEqual([]);
  });

  it('a path that is not absolute, or in no folder, is refused with a sentence', async () => {
    desktop.answer = 'relative.csv';
    await expect(handlers['exports.start']({ view, order: 'oldest', format: 'csv', fields: false }, {})).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'The export path must be absolute: relative.csv',
    });
    desktop.answer = join(dir, 'no-such-folder', 'x.csv');
    await expect(handlers['exports.start']({ view, order: 'oldest', format: 'csv', fields: false }, {})).rejects.toMatchObject({
      code: 'invalid_input',
      message: `The folder ${join(dir, 'no-such-folder')} does not exist.`,
    });
  });

  it('over HTTP nothing asks: the file goes to the exports folder', async () => {
    const started = await http['exports.start']({ view, order: 'oldest', format: 'json', fields: false }, {});
    await http.settled(started.id);
    expect(started.path).toBe(join(exportsFolder(workspacePath), 'trailkeeper-all-20260506T070809Z.json'));
    expect(existsSync(started.path)).toBe(true);
    expect(desktop.offered).toEqual([]);
  });
});

describe('exports.reveal', () => {
  it('shows a recorded export in its folder', async () => {
    desktop.answer = join(dir, 'reveal-me.csv');
    const done = await settled(await handlers['exports.start']({ view, order: 'oldest', format: 'csv', fields: false }, {}));
    expect(await handlers['exports.reveal']({ id: done.id }, {})).toEqual({ path: done.path });
    expect(desktop.revealed).toEqual([done.path]);
  });

  it('names an id that is not in the history, and shows nothing', async () => {
    await expect(handlers['exports.reveal']({ id: 424_242 }, {})).rejects.toMatchObject({
      code: 'not_found',
      message: 'There is no export with id 424242 in this workspace.',
    });
    expect(desktop.revealed).toEqual([]);
  });

  it('names a recorded file that is no longer there, and shows nothing', async () => {
    desktop.answer = join(dir, 'gone.csv');
    const done = await settled(await handlers['exports.start']({ view, order: 'oldest', format: 'csv', fields: false }, {}));
    rmSync(done.path);
    await expect(handlers['exports.reveal']({ id: done.id }, {})).rejects.toMatchObject({
      code: 'not_found',
      message: `The file of export ${done.id} is no longer at ${done.path}: it was moved or deleted.`,
    });
    expect(desktop.revealed).toEqual([]);
  });

  it('over HTTP answers not_found and points to Download', async () => {
    const { exports } = await http['exports.list']({ limit: 1 }, {});
    await expect(http['exports.reveal']({ id: exports[0]!.id }, {})).rejects.toMatchObject({
      code: 'not_found',
      message: 'Reveal in folder works in the desktop app; here, use Download in the export history to get the file.',
    });
  });
});

describe('desktopExports (what index.ts wires to Electron)', () => {
  function fakeElectron(result: { canceled: boolean; filePath?: string }) {
    const asked: SaveOptions[] = [];
    const shown: string[] = [];
    const capability = desktopExports(
      { showSaveDialog: (options) => (asked.push(options), Promise.resolve(result)) },
      { showItemInFolder: (path) => void shown.push(path) },
    );
    return { capability, asked, shown };
  }

  it('passes the default path to the Save dialog and answers the chosen path', async () => {
    const { capability, asked } = fakeElectron({ canceled: false, filePath: '/cases/a.csv' });
    expect(await capability.chooseSavePath('/ws/exports/trailkeeper-all-20260506T070809Z.csv')).toBe('/cases/a.csv');
    expect(asked).toEqual([expect.objectContaining({ defaultPath: '/ws/exports/trailkeeper-all-20260506T070809Z.csv', properties: ['createDirectory', 'showOverwriteConfirmation'] })]);
  });

  it('answers null when the dialog is cancelled or gives no path', async () => {
    expect(await fakeElectron({ canceled: true, filePath: '/cases/a.csv' }).capability.chooseSavePath('/x.csv')).toBeNull();
    expect(await fakeElectron({ canceled: false, filePath: '' }).capability.chooseSavePath('/x.csv')).toBeNull();
  });

  it('reveals through shell.showItemInFolder', () => {
    const { capability, shown } = fakeElectron({ canceled: true });
    capability.revealInFolder('/cases/a.csv');
    expect(shown).toEqual(['/cases/a.csv']);
  });
});
