/** The view on screen (scope, resolved range, query), as the export dialog takes it. */
import type { View } from '../../api/viewTypes.ts';
import { resolveRange } from '../../format/rangePresets.ts';
import { useAppStore } from '../../state/store.ts';

export function currentView(): View {
  const state = useAppStore.getState();
  return state.activeView ?? { scope: state.scope, range: resolveRange(state.rangePreset, Date.now()), query: state.queryText };
}
