/**
 * Desktop import (issue 8): imports.openDialog imports what the main process's own Open dialog
 * chose (a fake dialog here), imports.dropped what one drop registered, by id and once. A folder
 * or a missing file is named in a sentence while the other files import; without the desktop
 * capabilities (browser mode) both calls answer not_found. Real backend, real workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BaseWindow, OpenDialogOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DropRegistration } from '../../../common/contract.ts';
import { dispatch } from '../../../main/api/dispatch.ts';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { DropRegistry } from '../../../main/electron/drop-registry.ts';
import { chooseImportFiles, IMPORT_DIALOG_OPTIONS, type OpenDialogLike } from '../../../main/electron/import-dialog.ts';

const repo = resolve(import.meta.dirname, '../../..');
const CLOUDTRAIL = join(repo, 'test/fixtures/import/cloudtrail-one-bad-line.jsonl');
const OKTA = join(repo, 'test/fixtures/malformed/okta-bad-lines.ndjson');

/** The Open dialog as the user answers it: the next answer in the queue, and what it was shown. */
const dialogAnswers: { canceled: boolean; filePaths: string[] }[] = [];
const dialogShown: OpenDialogOptions[] = [];
const fakeDialog = {
  showOpenDialog: async (...args: [OpenDialogOptions] | [BaseWindow, OpenDialogOptions]) => {
    dialogShown.push(args.length === 1 ? args[0] : args[1]);
    return dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
} as OpenDialogLike;

let dir: string;
let desktop: Backend;
let browser: Backend;
let tenantId: number;
const drops = new DropRegistry();

const call = (backend: Backend, name: string, input: unknown) => dispatch(backend.handlers, name, input);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tk-desktop-import-'));
  const common = { resourcesDir: join(repo, 'resources'), workerUrl: pathToFileURL(join(repo, 'main/store-worker/entry.ts')), demo: false };
  desktop = await startBackend({
    ...common,
    workspacePath: join(dir, 'desktop.trailkeeper'),
    transport: 'ipc',
    desktopFiles: { chooseFiles: () => chooseImportFiles(fakeDialog, null), takeDrop: (id) => drops.take(id) },
  });
  browser = await startBackend({ ...common, workspacePath: join(dir, 'browser.trailkeeper'), transport: 'http' });
  tenantId = ((await call(desktop, 'tenants.create', { name: 'Incident 7' })) as { id: number }).id;
}, 60_000);

afterAll(async () => {
  await desktop?.close();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('imports.openDialog', () => {
  it('imports every file chosen in the dialog, with a summary each naming rejected lines', async () => {
    dialogAnswers.push({ canceled: false, filePaths: [CLOUDTRAIL, OKTA] });
    const result = (await call(desktop, 'imports.openDialog', { tenantId })) as { summaries: Record<string, unknown>[]; failed: unknown[] };
    expect(dialogShown.at(-1)).toEqual(IMPORT_DIALOG_OPTIONS);
    expect(result.failed).toEqual([]);
    expect(result.summaries).toMatchObject([
      { fileName: 'cloudtrail-one-bad-line.jsonl', tenantId, added: 12, duplicates: 0, rejected: 1, rejectedSamples: [{ line: 7 }] },
      { fileName: 'okta-bad-lines.ndjson', tenantId, added: 6, duplicates: 0, rejected: 2, rejectedSamples: [{ line: 3 }, { line: 6 }] },
    ]);
    const tenant = ((await call(desktop, 'tenants.list', {})) as { tenants: { id: number; eventCount: number }[] }).tenants.find((t) => t.id === tenantId);
    expect(tenant?.eventCount).toBe(18);
  });

  it('imports nothing when the user closes the dialog', async () => {
    dialogAnswers.push({ canceled: true, filePaths: [] });
    expect(await call(desktop, 'imports.openDialog', { tenantId })).toEqual({ summaries: [], failed: [] });
  });

  it('names a folder and a missing file in sentences while the good file imports (as duplicates now)', async () => {
    dialogAnswers.push({ canceled: false, filePaths: [join(repo, 'test/fixtures/import'), join(dir, 'gone.json'), CLOUDTRAIL] });
    const result = (await call(desktop, 'imports.openDialog', { tenantId })) as { summaries: Record<string, unknown>[]; failed: { fileName: string; message: string }[] };
    expect(result.summaries).toMatchObject([{ fileName: 'cloudtrail-one-bad-line.jsonl', added: 0, duplicates: 12, rejected: 1 }]);
    expect(result.failed).toEqual([
      { fileName: 'import', message: 'It is not a file (a folder cannot be imported; choose the files in it).' },
      { fileName: 'gone.json', message: 'It could not be read (ENOENT): check that it exists and that you may read it.' },
    ]);
  });

  it('refuses an unknown tenant before showing the dialog', async () => {
    const shown = dialogShown.length;
    await expect(call(desktop, 'imports.openDialog', { tenantId: 9999 })).rejects.toMatchObject({ code: 'not_found', field: 'tenantId' });
    expect(dialogShown.length).toBe(shown);
  });
});

describe('imports.dropped', () => {
  it('imports the files of a registered drop once; the id is not good twice', async () => {
    const other = ((await call(desktop, 'tenants.create', { name: 'Dropped' })) as { id: number }).id;
    const reg = drops.register([OKTA]) as Extract<DropRegistration, { ok: true }>;
    // A wrong tenant does not use the drop up.
    await expect(call(desktop, 'imports.dropped', { dropId: reg.dropId, tenantId: 9999 })).rejects.toMatchObject({ code: 'not_found', field: 'tenantId' });
    const result = await call(desktop, 'imports.dropped', { dropId: reg.dropId, tenantId: other, sourceKind: 'okta' });
    expect(result).toMatchObject({ summaries: [{ fileName: 'okta-bad-lines.ndjson', tenantId: other, added: 6, rejected: 2 }], failed: [] });
    await expect(call(desktop, 'imports.dropped', { dropId: reg.dropId, tenantId: other })).rejects.toMatchObject({
      code: 'not_found',
      field: 'dropId',
      message: expect.stringMatching(/drop them again\.$/),
    });
  });

  it('takes an id, never a path', async () => {
    await expect(call(desktop, 'imports.dropped', { dropId: '/etc/passwd', tenantId })).rejects.toMatchObject({ code: 'invalid_input', field: 'dropId' });
    await expect(call(desktop, 'imports.dropped', { path: OKTA, tenantId })).rejects.toMatchObject({ code: 'invalid_input', field: 'dropId' });
  });
});

describe('browser mode', () => {
  it('answers not_found for both calls, pointing to the upload', async () => {
    const t = ((await call(browser, 'tenants.create', { name: 'B' })) as { id: number }).id;
    for (const [name, input] of [['imports.openDialog', { tenantId: t }], ['imports.dropped', { tenantId: t, dropId: '00000000-0000-4000-8000-000000000000' }]] as const) {
      await expect(call(browser, name, input)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('use Import… to upload the file') });
    }
  });
});
