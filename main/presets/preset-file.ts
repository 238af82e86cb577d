/**
 * The preset file (versioned JSON, schema in resources/presets.schema.json): reading names
 * every error (bad JSON with its position, each invalid field by its path, duplicate names) and
 * yields nothing unless the whole file is right; writing is stable, 2-space JSON.
 */
import { PRESET_FILE_FORMAT, presetFileSchema, type Preset } from '../../common/contract.ts';

export type PresetFileResult = { ok: true; presets: Preset[] } | { ok: false; errors: string[] };

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(the file)';
}

export function parsePresetFile(text: string): PresetFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`The file is not JSON: ${(e as Error).message}.`] };
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const d = data as Record<string, unknown>;
    if (d['format'] === PRESET_FILE_FORMAT && typeof d['version'] === 'number' && d['version'] > 1) {
      return { ok: false, errors: [`The file is preset format version ${d['version']}; this Trailkeeper reads version 1. Update Trailkeeper to import it.`] };
    }
  }
  const parsed = presetFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`) };
  const seen = new Map<string, number>();
  const errors: string[] = [];
  parsed.data.presets.forEach((p, i) => {
    const key = p.name.toLowerCase();
    if (seen.has(key)) errors.push(`presets[${i}].name: "${p.name}" is also the name of presets[${seen.get(key)}]`);
    else seen.set(key, i);
  });
  if (parsed.data.presets.filter((p) => p.startView).length > 1) errors.push('presets: more than one preset is marked as the start view');
  return errors.length ? { ok: false, errors } : { ok: true, presets: parsed.data.presets };
}

export function writePresetFile(presets: readonly Preset[]): string {
  const clean = presets.map((p) => ({ name: p.name, description: p.description, view: p.view, pinned: p.pinned, startView: p.startView }));
  return `${JSON.stringify({ format: PRESET_FILE_FORMAT, version: 1, presets: clean }, null, 2)}\n`;
}
