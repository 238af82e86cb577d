/** presets.* (list, save, delete answering it for undo, import and export files) and saved console queries over the store host. */
import { writePresetFile, parsePresetFile } from '../presets/preset-file.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { toApiError } from './store-errors.ts';

export type PresetHandlers = Pick<Handlers, 'presets.list' | 'presets.save' | 'presets.delete' | 'presets.import' | 'presets.export' | 'queries.list' | 'queries.save' | 'queries.delete'>;

export function presetHandlers(store: StoreHost): PresetHandlers {
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(toApiError(error)));
  return {
    'presets.list': () => guard(async () => ({ presets: await store.read('presetsList', {}) })),
    'presets.save': ({ id, preset }) =>
      guard(async () => {
        const out = await store.write('presetSave', { ...(id !== undefined ? { id } : {}), preset, now: Date.now() });
        if (!out.ok) throw new ApiError(out.error.startsWith('There is no') ? 'not_found' : 'invalid_input', out.error, { field: 'preset.name' });
        return out.preset;
      }),
    'presets.delete': ({ id }) =>
      guard(async () => {
        const gone = await store.write('presetDelete', { id });
        if (!gone) throw new ApiError('not_found', `There is no preset with id ${id}.`, { field: 'id' });
        return gone;
      }),
    'presets.import': ({ text }) =>
      guard(async () => {
        const file = parsePresetFile(text);
        const errors = file.ok ? null : file.errors;
        if (errors) throw new ApiError('invalid_input', `Nothing was imported. ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.slice(0, 20).join('; ')}${errors.length > 20 ? '; …' : ''}`, { field: 'text' });
        const out = await store.write('presetsImport', { presets: file.ok ? file.presets : [], now: Date.now() });
        if (!out.ok) throw new ApiError('invalid_input', `Nothing was imported. ${out.errors.join('; ')}`, { field: 'text' });
        return { imported: out.imported };
      }),
    'presets.export': ({ ids }) => guard(async () => ({ text: writePresetFile(await store.read('presetsList', ids ? { ids } : {})) })),
    'queries.list': () => guard(async () => ({ queries: await store.read('queriesList', undefined) })),
    'queries.save': ({ id, name, sql, params }) =>
      guard(async () => {
        const out = await store.write('querySave', { ...(id !== undefined ? { id } : {}), name, sql, params, now: Date.now() });
        if (!out.ok) throw new ApiError(out.error.startsWith('There is no') ? 'not_found' : 'invalid_input', out.error, { field: 'name' });
        return out.query;
      }),
    'queries.delete': ({ id }) => guard(() => store.write('queryDelete', { id })),
  };
}
