/**
 * The view in the page's URL (its hash, beside the session token the host puts in the query):
 * query, scope, range and order, written as each view runs and read back at start, so a reload
 * or a shared link shows the same view. Anything unreadable in the hash is skipped, never fatal.
 */
import { isRangePresetId } from '../format/rangePresets.ts';
import { scopeFromValue, scopeToValue } from '../format/scopeOptions.ts';
import type { AppState } from './types.ts';

type UrlView = Partial<Pick<AppState, 'queryText' | 'scope' | 'rangePreset' | 'customRange' | 'order'>>;

export function viewToHash(state: Pick<AppState, 'queryText' | 'scope' | 'rangePreset' | 'customRange' | 'order'>): string {
  const params = new URLSearchParams();
  if (state.queryText) params.set('q', state.queryText);
  if (state.scope.kind !== 'all') params.set('scope', scopeToValue(state.scope));
  if (state.customRange) params.set('range', `${state.customRange.from ?? ''}..${state.customRange.to ?? ''}`);
  else params.set('range', state.rangePreset);
  if (state.order !== 'newest') params.set('order', state.order);
  return params.toString();
}

const epoch = (text: string | undefined): number | null | undefined => {
  if (text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
};

export function viewFromHash(hash: string): UrlView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view: UrlView = {};
  const q = params.get('q');
  if (q !== null && q.length <= 10_000) view.queryText = q;
  const scope = params.get('scope');
  if (scope) view.scope = scopeFromValue(scope);
  const range = params.get('range');
  if (range && isRangePresetId(range)) view.rangePreset = range;
  else if (range?.includes('..')) {
    const [fromText, toText] = range.split('..');
    const from = epoch(fromText);
    const to = epoch(toText);
    if (from !== undefined && to !== undefined && (from === null || to === null || from < to)) view.customRange = { from, to };
  }
  const order = params.get('order');
  if (order === 'oldest' || order === 'newest') view.order = order;
  return view;
}

type Store = { getState: () => AppState; setState: (partial: Partial<AppState>) => void; subscribe: (listener: (state: AppState, prev: AppState) => void) => () => void };

/** Reads the hash into the store before the first view runs, then keeps it current as views run. */
export function bindUrlView(store: Store, win: Window = window): () => void {
  store.setState(viewFromHash(win.location.hash));
  return store.subscribe((state, prev) => {
    if (state.activeView === prev.activeView || state.activeView === null) return;
    const hash = viewToHash(state);
    if (win.location.hash.replace(/^#/, '') !== hash) win.history.replaceState(win.history.state, '', `#${hash}`);
  });
}
