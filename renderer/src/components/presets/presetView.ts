/** Between the view on screen and a preset's view (with the table's columns): capture it, and apply one back (then rerun). */
import type { Preset } from '../../../../common/contract.ts';
import { api } from '../../api/client.ts';
import { isRangePresetId } from '../../format/rangePresets.ts';
import { useAppStore } from '../../state/store.ts';
import { viewFromHash } from '../../state/urlView.ts';
import { applyColumns, captureColumns } from './presetColumns.ts';

export function captureView(): Preset['view'] {
  const s = useAppStore.getState();
  return {
    scope: s.scope,
    range: s.customRange ? { from: s.customRange.from, to: s.customRange.to } : { preset: s.rangePreset },
    query: s.queryText,
    order: s.order,
    columns: captureColumns(useAppStore),
  };
}

export function applyView(view: Preset['view']): void {
  const range = view.range;
  const patch =
    'preset' in range && isRangePresetId(range.preset)
      ? { rangePreset: range.preset, customRange: null }
      : { customRange: { from: (range as { from: number | null }).from, to: (range as { to: number | null }).to } };
  useAppStore.setState({ scope: view.scope, queryText: view.query, order: view.order, ...patch });
  if (view.columns) applyColumns(useAppStore, view.columns);
  void useAppStore.getState().refresh();
}

/** At start: the preset marked as the start view, if there is one; a view in the URL (a reload, a shared link) wins. */
export async function applyStartView(hash: string = window.location.hash): Promise<void> {
  if (Object.keys(viewFromHash(hash)).length > 0) return;
  try {
    const { presets } = await api['presets.list']({});
    const start = presets.find((p) => p.startView);
    if (start) applyView(start.view);
  } catch {
    // No presets to apply (an older host, or a failing call): the default view stays.
  }
}
