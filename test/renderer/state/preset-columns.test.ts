/**
 * A preset keeps the table's columns: captured from the column chooser's layout, written to the
 * preset file and read back, and applied to another store (a reload, another workspace) in the
 * same order, remembered for that workspace. A file from before columns (none in its views) still
 * imports; ids this table does not know are dropped, and a preset with none known changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PRESET_FILE_FORMAT, presetFileSchema, presetViewSchema, type Preset } from '../../../common/contract.ts';
import { applyColumns, captureColumns } from '../../../renderer/src/components/presets/presetColumns.ts';
import { DEFAULT_LAYOUT } from '../../../renderer/src/table/columnLayout.ts';
import { workspaceStore } from './workspace-prefs-store.ts';

beforeEach(() => localStorage.clear());

const preset = (columns?: string[]): Preset => ({
  name: 'Failures by IP',
  description: '',
  view: presetViewSchema.parse({ scope: { kind: 'all' }, range: { preset: '7d' }, query: 'outcome:failure', order: 'newest', ...(columns ? { columns } : {}) }),
  pinned: false,
  startView: false,
});

describe('preset columns', () => {
  it('round-trip through the preset file onto another workspace, and are remembered there', async () => {
    const a = workspaceStore().store;
    await a.getState().loadWorkspacePrefs();
    a.getState().toggleColumn('actorEmail');
    a.getState().toggleColumn('target');
    a.getState().moveColumn('actorEmail', -10);
    const columns = captureColumns(a);
    expect(columns).toEqual(['actorEmail', 'time', 'tenant', 'action', 'actor', 'outcome', 'ip']);

    // The file (main/presets/preset-file.ts writes it; its tests cover writing) as the page reads it back.
    const text = JSON.stringify({ format: PRESET_FILE_FORMAT, version: 1, presets: [preset(columns)] });
    const read = presetFileSchema.parse(JSON.parse(text));
    expect(read.presets[0]!.view.columns).toEqual(columns);

    const b = workspaceStore('/work/b.trailkeeper').store;
    await b.getState().loadWorkspacePrefs();
    b.getState().resizeColumn('action', 250);
    expect(applyColumns(b, read.presets[0]!.view.columns!)).toBe(true);
    expect(b.getState().columnLayout).toEqual({ visible: columns, widths: { action: 250 } });

    const reloaded = workspaceStore('/work/b.trailkeeper').store;
    await reloaded.getState().loadWorkspacePrefs();
    expect(reloaded.getState().columnLayout.visible).toEqual(columns);
  });

  it('a file without columns still imports; unknown ids are dropped; none known changes nothing', async () => {
    const old = { format: 'trailkeeper-presets', version: 1, presets: [{ name: 'Old', view: { scope: { kind: 'all' }, range: { preset: '24h' }, query: '' } }] };
    const read = presetFileSchema.safeParse(old);
    expect(read.success).toBe(true);
    expect(read.data!.presets[0]!.view.columns).toBeUndefined();

    const { store } = workspaceStore();
    await store.getState().loadWorkspacePrefs();
    expect(applyColumns(store, ['nonsense', 'action', 'time'])).toBe(true);
    expect(store.getState().columnLayout.visible).toEqual(['action', 'time']);
    expect(applyColumns(store, ['nonsense'])).toBe(false);
    expect(store.getState().columnLayout.visible).toEqual(['action', 'time']);
    expect(DEFAULT_LAYOUT.visible).not.toEqual(['action', 'time']);
  });
});
