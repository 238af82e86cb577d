/**
 * The rows of the current view, newest first, fetched a page at a time with the keyset cursor.
 * Every refresh starts a new generation; a response from an older generation is dropped, so the
 * latest request always wins. The count is asked for once the first page is in, so the rows
 * never wait for it.
 */
import type { EventRow, TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import type { Cursor, View } from '../api/viewTypes.ts';
import { resolveRange } from '../format/rangePresets.ts';
import { appendPage, emptyRowStore, type RowStore } from '../table/rowStore.ts';
import type { AppState, SliceCreator } from './types.ts';

export const PAGE_SIZE = 200;

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A query the API could not parse, with the column it failed at, shown under the query box. */
export type QueryError = { message: string; column: number | null; query: string };

export type ResultsSlice = {
  generation: number;
  activeView: View | null;
  rows: RowStore<EventRow>;
  next: Cursor | null;
  pageStatus: LoadStatus;
  loadingMore: boolean;
  count: number | null;
  countStatus: LoadStatus;
  queryError: QueryError | null;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
};

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

function viewFromState(state: AppState): View {
  return { scope: state.scope, range: resolveRange(state.rangePreset, Date.now()), query: state.queryText };
}

/** The count belongs to the view on screen: a refused query keeps that view, so its count still lands. */
async function fetchCount(api: TrailkeeperApi, get: Get, set: Set, view: View, signal: AbortSignal): Promise<void> {
  set({ countStatus: 'loading' });
  try {
    const { count } = await api['events.count']({ view }, { signal });
    if (get().activeView === view) set({ count, countStatus: 'ready' });
  } catch (error) {
    if (get().activeView !== view) return;
    set({ countStatus: 'error' });
    get().showError(ApiClientError.from(error).message);
  }
}

function reportPageError(get: Get, set: Set, error: unknown, query: string): void {
  const apiError = ApiClientError.from(error);
  if (apiError.code === 'query_syntax') {
    // A typo loses nothing: the last good results stay on screen (and keep paging) under the note.
    set({ pageStatus: 'ready', queryError: { message: apiError.message, column: apiError.column ?? null, query } });
    return;
  }
  set({ pageStatus: 'error', rows: emptyRowStore(), next: null, count: null, countStatus: 'idle', activeView: null });
  get().showError(apiError.message);
}

export const createResultsSlice = (api: TrailkeeperApi): SliceCreator<ResultsSlice> => (set, get) => {
  /**
   * Stale work is stopped, not only ignored, so it does not hold the store's readers while the
   * next first page waits: a new refresh aborts the previous first page; a new view on screen
   * aborts the old view's count and paging.
   */
  let pageAbort: AbortController | null = null;
  let viewAbort: AbortController | null = null;

  return {
    generation: 0,
    activeView: null,
    rows: emptyRowStore(),
    next: null,
    pageStatus: 'idle',
    loadingMore: false,
    count: null,
    countStatus: 'idle',
    queryError: null,

    refresh: async () => {
      const generation = get().generation + 1;
      const view = viewFromState(get());
      // The previous rows stay until the new page replaces them, so a refused query loses nothing.
      set({ generation, pageStatus: 'loading', loadingMore: false, queryError: null, bannerError: null });
      pageAbort?.abort();
      const pageControl = (pageAbort = new AbortController());
      let viewControl: AbortController;
      try {
        const page = await api['events.page'](
          { view, order: 'newest', after: null, limit: PAGE_SIZE },
          { signal: pageControl.signal },
        );
        if (get().generation !== generation) return;
        viewAbort?.abort();
        viewControl = viewAbort = new AbortController();
        set({
          activeView: view,
          rows: appendPage(emptyRowStore<EventRow>(), page.rows),
          next: page.next,
          pageStatus: 'ready',
          count: null,
          countStatus: 'idle',
          selectedIndex: null,
        });
      } catch (error) {
        if (get().generation === generation) reportPageError(get, set, error, view.query);
        return;
      }
      await fetchCount(api, get, set, view, viewControl.signal);
    },

    loadMore: async () => {
      const { next, loadingMore, pageStatus, activeView, generation } = get();
      if (!next || loadingMore || pageStatus !== 'ready' || !activeView) return;
      set({ loadingMore: true });
      try {
        const page = await api['events.page'](
          { view: activeView, order: 'newest', after: next, limit: PAGE_SIZE },
          viewAbort ? { signal: viewAbort.signal } : {},
        );
        if (get().generation !== generation) return;
        set({ rows: appendPage(get().rows, page.rows), next: page.next, loadingMore: false });
      } catch (error) {
        if (get().generation !== generation) return;
        // Stop paging this view: retrying on every scroll event would flood the host.
        set({ loadingMore: false, next: null });
        get().showError(ApiClientError.from(error).message);
      }
    },
  };
};
