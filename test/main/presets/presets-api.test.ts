/**
 * Presets through the backend (worker threads): save, list, update, rename, duplicate names
 * refused, pin and start view, delete answering the preset for undo; export and import round
 * trip exactly; an import with errors imports nothing; presets survive a restart.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch.ts';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const resourcesDir = join(import.meta.dirname, '../../../resources');
const workerUrl = new URL('../../../main/store-worker/entry.ts', import.meta.url);
const workspacePath = tempWorkspacePath();
const start = () => startBackend({ workspacePath, resourcesDir, transport: 'http', workerUrl, demo: false });
let backend: Backend;
afterAll(async () => {
  await backend?.close();
  removeTempDirs();
});

const call = (name: string, input: unknown) => dispatch(backend.handlers, name as never, input as never) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const view = { scope: { kind: 'all' }, range: { preset: '7d' }, query: 'outcome:failure', order: 'newest' };

describe('presets over the API', () => {
  it('saves, updates, renames, pins, marks the start view, deletes for undo, and keeps them across a restart', async () => {
    backend = await start();
    const a = await call('presets.save', { preset: { name: 'Failures', description: 'all failures', view } });
    expect(a).toMatchObject({ id: expect.any(Number), name: 'Failures', pinned: false, startView: false });
    const b = await call('presets.save', { preset: { name: 'Admins', view: { ...view, query: 'action:user.account.privilege.*' }, startView: true } });
    await expect(call('presets.save', { preset: { name: 'FAILURES', view } })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/already exists/) });
    const renamed = await call('presets.save', { id: a.id, preset: { name: 'Failed events', description: 'renamed', view, pinned: true, startView: true } });
    expect(renamed).toMatchObject({ id: a.id, name: 'Failed events', pinned: true, startView: true });
    // One start view only; pinned first.
    const { presets } = await call('presets.list', {});
    expect(presets.map((p: { name: string; startView: boolean }) => [p.name, p.startView])).toEqual([['Failed events', true], ['Admins', false]]);
    const gone = await call('presets.delete', { id: b.id });
    expect(gone).toMatchObject({ name: 'Admins', startView: false });
    expect((await call('presets.list', {})).presets).toHaveLength(1);
    await call('presets.save', { preset: gone }); // undo
    await backend.close();
    backend = await start();
    expect((await call('presets.list', {})).presets.map((p: { name: string }) => p.name)).toEqual(['Failed events', 'Admins']);
  }, 60_000);

  it('exports and re-imports exactly; a file with errors imports nothing and names them', async () => {
    const { text } = await call('presets.export', {});
    const before = (await call('presets.list', {})).presets;
    await expect(call('presets.import', { text })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Nothing was imported\. .*"Failed events" already exists/) });
    for (const p of before) await call('presets.delete', { id: p.id });
    expect(await call('presets.import', { text })).toEqual({ imported: 2 });
    expect((await call('presets.export', {})).text).toBe(text);
    const broken = text.replace('"Admins"', '""');
    const count = (await call('presets.list', {})).presets.length;
    await expect(call('presets.import', { text: broken.replace('"Failed events"', '"Other"') })).rejects.toMatchObject({ message: expect.stringMatching(/presets\[\d\]\.name: a preset needs a name/) });
    expect((await call('presets.list', {})).presets).toHaveLength(count);
  }, 60_000);

  it('saves console queries with parameter defaults, refuses a duplicate name, updates and deletes them', async () => {
    const q = await call('queries.save', { name: 'Since', sql: 'SELECT id FROM events WHERE ts >= :since AND actor_email = :actor', params: [{ name: 'since', default: '0' }, { name: 'actor', default: 'dana@x' }] });
    expect(q).toMatchObject({ name: 'Since', params: [{ name: 'since', default: '0' }, { name: 'actor', default: 'dana@x' }] });
    await expect(call('queries.save', { name: 'since', sql: 'SELECT 1', params: [] })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/already exists/) });
    await call('queries.save', { id: q.id, name: 'Since (renamed)', sql: q.sql, params: q.params });
    expect((await call('queries.list', {})).queries.map((x: { name: string }) => x.name)).toEqual(['Since (renamed)']);
    expect(await call('queries.delete', { id: q.id })).toEqual({ deleted: true });
    expect((await call('queries.list', {})).queries).toEqual([]);
  }, 60_000);
});
