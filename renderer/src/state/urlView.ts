/**
 * The view in the page's URL (its hash, beside the session token the host puts in the query):
 * query, scope, range and order, written as each view runs and read back at start, so a reload
 * or a shared link shows the same view; and the UTC/local time display, written as soon as it is
 * switched (switching runs no view). Anything unreadable in the hash is skipped, never fatal.
 */
import { isRangePresetId } from '../format/rangePresets.ts';
import { scopeFromValue, scopeToValue } from '../format/scopeOptions.ts';
import type { TimeZoneMode } from '../format/time.ts';
import type { AppState } from './types.ts';

type ViewFields = 'queryText' | 'scope' | 'rangePreset' | 'customRange' | 'order' | 'timeZone';
type UrlView = Partial<Pick<AppState, ViewFields>>;

export function viewToHash(state: Pick<AppState, ViewFields>): string {
  const params = new URLSearchParams();
  if (state.queryText) params.set('q', state.queryText);
  if (state.scope.kind !== 'all') params.set('scope', scopeToValue(state.scope));
  if (state.customRange) params.set('range', `${state.customRange.from ?? ''}..${state.customRange.to ?? ''}`);
  else params.set('range', state.rangePreset);
  if (state.order !== 'newest') params.set('order', state.order);
  if (state.timeZone !== 'utc') params.set('tz', state.timeZone);
  return params.toString();
}

/** `hash` (a view written by viewToHash) with its time display set to `timeZone` and the rest kept. */
export function withTimeZone(hash: string, timeZone: TimeZoneMode): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (timeZone === 'utc') params.delete('tz');
  else params.set('tz', timeZone);
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
  const tz = params.get('tz');
  if (tz === 'utc' || tz === 'local') view.timeZone = tz;
  return view;
}

type Store = { getState: () => AppState; setState: (partial: Partial<AppState>) => void; subscribe: (listener: (state: AppState, prev: AppState) => void) => () => void };

/** Reads the hash into the store before the first view runs, then keeps it current as views run and the time display switches. */
export function bindUrlView(store: Store, win: Window = window): () => void {
  store.setState(viewFromHash(win.location.hash));
  const current = () => win.location.hash.replace(/^#/, '');
  return store.subscribe((state, prev) => {
    let hash: string;
    if (state.activeView !== prev.activeView && state.activeView !== null) hash = viewToHash(state);
    // Only the switch: the query box may hold text that has not run, which the URL must not claim.
    else if (state.timeZone !== prev.timeZone) hash = withTimeZone(current(), state.timeZone);
    else return;
    if (current() !== hash) win.history.replaceState(win.history.state, '', `#${hash}`);
  });
}
