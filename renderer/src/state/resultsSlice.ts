/**
 * The rows of the current view, held as blocks around the viewport (table/blockCache.ts) so
 * memory stays bounded at any result size. The first page comes first and fast; once its rows
 * are painted the count follows (then the histogram and field values) and becomes the table's
 * length, so the scrollbar stands for the whole result. A block
 * the table needs is fetched by keyset from a loaded neighbour, or, after a jump, from the
 * cursor events.seek finds at its offset: never by paging through the rows before it.
 *
 * Every refresh starts a new generation; a response from an older generation is dropped and its
 * request aborted, so the latest view always wins. The old view's count, histogram, field values
 * and blocks are aborted as soon as a new view is asked for, so its first page finds the store's
 * readers free (a refused query resumes those of the view it keeps).
 */
import { MAX_QUERY_CHARS, type EventRow, type TrailkeeperApi } from '../../../common/contract.ts';
import { formatCount } from '../format/count.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import type { Cursor, View } from '../api/viewTypes.ts';
import { resolveRange } from '../format/rangePresets.ts';
import { afterPaint } from './afterPaint.ts';
import { BLOCK_ROWS, blockOf, emptyBlockCache, keepBlocks, missingRuns, withRows, type BlockCache } from '../table/blockCache.ts';
import type { AppState, SliceCreator } from './types.ts';

/** The first page: enough rows for a tall window, in one call. */
export const FIRST_PAGE_ROWS = 2 * BLOCK_ROWS;
/** Blocks fetched beyond the rows in view on each side, so a scroll finds them ready. */
const PREFETCH_BLOCKS = 1;
/** Blocks kept beyond those, before they are dropped. */
const KEEP_BLOCKS = 2;
/** The most blocks one call fetches. */
const MAX_RUN_BLOCKS = 5;

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export type SortOrder = 'newest' | 'oldest';

/** A query the API could not parse, with the column it failed at, shown under the query box. */
export type QueryError = { message: string; column: number | null; query: string };

export type ResultsSlice = {
  generation: number;
  activeView: View | null;
  /** The order the rows on screen are in. */
  activeOrder: SortOrder;
  rows: BlockCache<EventRow>;
  /** The table's length: the count once known, before it the rows seen so far plus one while more exist. */
  rowCount: number;
  /** Rows known to exist before the count is in (the end of the furthest block loaded). */
  extent: number;
  extentMore: boolean;
  pageStatus: LoadStatus;
  count: number | null;
  countStatus: LoadStatus;
  queryError: QueryError | null;
  /** The rows in view, for "1–40 of N". */
  visibleFirst: number;
  visibleEnd: number;
  refresh: () => Promise<void>;
  /** The table shows rows [first, end): fetch what is missing around them, drop what is far. */
  ensureRows: (first: number, end: number) => void;
  setVisibleRows: (first: number, end: number) => void;
  /** Selects and reveals the first row at or past `ts` in the current order. */
  goToTime: (ts: number) => Promise<void>;
};

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

function viewFromState(state: AppState): View {
  const range = state.customRange ?? resolveRange(state.rangePreset, Date.now());
  return { scope: state.scope, range, query: state.queryText };
}

function rowCountOf(count: number | null, extent: number, extentMore: boolean): number {
  return count ?? extent + (extentMore ? 1 : 0);
}

const keyOf = (row: EventRow): Cursor => ({ ts: row.ts, id: row.id });

/** The count belongs to the view on screen: a refused query keeps that view, so its count still lands. */
async function fetchCount(api: TrailkeeperApi, get: Get, set: Set, view: View, signal: AbortSignal): Promise<void> {
  set({ countStatus: 'loading' });
  try {
    const { count } = await api['events.count']({ view }, { signal });
    if (get().activeView === view) set({ count, countStatus: 'ready', rowCount: count });
  } catch (error) {
    if (signal.aborted || get().activeView !== view) return;
    set({ countStatus: 'error' });
    get().showError(ApiClientError.from(error).message);
  }
}

function reportPageError(get: Get, set: Set, error: unknown, query: string): void {
  const apiError = ApiClientError.from(error);
  if (apiError.code === 'query_syntax') {
    // A typo loses nothing: the last good results stay on screen (and keep scrolling) under the note.
    set({ pageStatus: 'ready', queryError: { message: apiError.message, column: apiError.column ?? null, query } });
    return;
  }
  set({ pageStatus: 'error', rows: emptyBlockCache(), rowCount: 0, extent: 0, extentMore: false, count: null, countStatus: 'idle', activeView: null });
  get().showError(apiError.message);
}

type Run = { start: number; end: number; control: AbortController };

export const createResultsSlice = (api: TrailkeeperApi): SliceCreator<ResultsSlice> => (set, get) => {
  /**
   * Stale work is stopped, not only ignored, so it does not hold the store's readers: a new
   * refresh aborts the previous first page; a new view on screen aborts the old view's count and
   * blocks; a block scrolled far out of view is aborted while still in flight.
   */
  let pageAbort: AbortController | null = null;
  let viewAbort: AbortController | null = null;
  let runs: Run[] = [];
  /** The rows the table last asked for. */
  let wanted = { first: 0, end: 0 };

  const inFlight = (block: number) => runs.some((r) => block >= r.start && block < r.end);

  /** The view whose count, histogram and field values were last asked for. */
  let workView: View | null = null;

  /** The count (unless the first page held everything), then the histogram and field values. */
  function startViewWork(view: View, signal: AbortSignal, counted: boolean): Promise<void> | null {
    workView = view;
    const counting = counted ? null : fetchCount(api, get, set, view, signal);
    void get().loadHistogram(view, signal);
    void get().loadFieldValues(view, signal);
    return counting;
  }

  /** A refused query keeps the view on screen: what of its work the new query stopped starts again. */
  function resumeViewWork(): void {
    const { activeView: view, pageStatus, countStatus, histogramStatus, openFields, fieldValues } = get();
    if (!view || pageStatus !== 'ready') return;
    const control = (viewAbort = new AbortController());
    get().ensureRows(wanted.first, wanted.end);
    // Stopped before it started (the view was still waiting for its paint): all of it.
    if (workView !== view) return void startViewWork(view, control.signal, countStatus === 'ready');
    if (countStatus === 'loading') void fetchCount(api, get, set, view, control.signal);
    if (histogramStatus === 'loading') void get().loadHistogram(view, control.signal);
    if (openFields.some((f) => fieldValues[f]?.status !== 'ready' && fieldValues[f]?.status !== 'error')) void get().loadFieldValues(view, control.signal);
  }

  async function fetchRun(start: number, end: number, generation: number, view: View, order: SortOrder): Promise<void> {
    const control = new AbortController();
    const run: Run = { start, end, control };
    runs.push(run);
    // Aborted with its view too (AbortSignal.any is not in every DOM this runs in).
    const viewSignal = viewAbort?.signal;
    if (viewSignal?.aborted) control.abort();
    viewSignal?.addEventListener('abort', () => control.abort(), { once: true });
    const signal = control.signal;
    const limit = (end - start) * BLOCK_ROWS;
    try {
      const { rows: cache, count } = get();
      const before = cache.blocks.get(start - 1);
      const after = cache.blocks.get(end);
      let rows: EventRow[];
      let more: boolean;
      if (start > 0 && !(before && before.length === BLOCK_ROWS) && after?.[0]) {
        // The block after is loaded: read backwards from its first row.
        const reverse = order === 'newest' ? 'oldest' : 'newest';
        const page = await api['events.page']({ view, order: reverse, after: keyOf(after[0]), limit }, { signal });
        rows = page.rows.reverse();
        more = true;
      } else {
        let from: Cursor | null = null;
        if (start > 0 && before?.length === BLOCK_ROWS) from = keyOf(before[BLOCK_ROWS - 1]!);
        else if (start > 0) {
          const target = { offset: start * BLOCK_ROWS };
          const sought = await api['events.seek']({ view, order, target, ...(count === null ? {} : { countHint: count }) }, { signal });
          from = sought.after;
        }
        const page = await api['events.page']({ view, order, after: from, limit }, { signal });
        rows = page.rows;
        more = page.next !== null;
      }
      if (get().generation !== generation) return;
      const state = get();
      const reach = start * BLOCK_ROWS + rows.length;
      const grows = state.count === null && reach >= state.extent;
      const extent = grows ? reach : state.extent;
      const extentMore = grows ? more : state.extentMore;
      set({ rows: withRows(state.rows, start, rows), extent, extentMore, rowCount: rowCountOf(state.count, extent, extentMore) });
      get().followSelection();
      // The rows in view came first; now the blocks around them, by keyset from these.
      get().ensureRows(wanted.first, wanted.end);
    } catch (error) {
      if (get().generation !== generation || signal.aborted) return;
      get().showError(ApiClientError.from(error).message);
    } finally {
      runs = runs.filter((r) => r !== run);
    }
  }

  return {
    generation: 0,
    activeView: null,
    activeOrder: 'newest',
    rows: emptyBlockCache(),
    rowCount: 0,
    extent: 0,
    extentMore: false,
    pageStatus: 'idle',
    count: null,
    countStatus: 'idle',
    queryError: null,
    visibleFirst: 0,
    visibleEnd: 0,

    refresh: async () => {
      const generation = get().generation + 1;
      const view = viewFromState(get());
      const order = get().order;
      // Longer than a view may carry: named under the box like a typo, the last results kept.
      if (view.query.length > MAX_QUERY_CHARS) {
        const message = `This query is ${formatCount(view.query.length)} characters long; a query can be at most ${formatCount(MAX_QUERY_CHARS)}. Shorten it: the results below are for the last query that ran.`;
        set({ queryError: { message, column: MAX_QUERY_CHARS + 1, query: view.query } });
        return;
      }
      // The previous rows stay until the new page replaces them, so a refused query loses nothing.
      set({ generation, pageStatus: 'loading', queryError: null, bannerError: null });
      pageAbort?.abort();
      // The old view's count, chart, field values and blocks would hold the readers the new page needs.
      viewAbort?.abort();
      const pageControl = (pageAbort = new AbortController());
      let viewControl: AbortController;
      let complete: boolean;
      try {
        const page = await api['events.page']({ view, order, after: null, limit: FIRST_PAGE_ROWS }, { signal: pageControl.signal });
        if (get().generation !== generation) return;
        viewControl = viewAbort = new AbortController();
        runs = [];
        complete = page.next === null;
        const extent = page.rows.length;
        const count = complete ? extent : null;
        set({
          activeView: view,
          activeOrder: order,
          rows: withRows(emptyBlockCache<EventRow>(), 0, page.rows),
          extent,
          extentMore: !complete,
          rowCount: rowCountOf(count, extent, !complete),
          pageStatus: 'ready',
          count,
          countStatus: complete ? 'ready' : 'loading',
          selectedIndex: null,
        });
        // The open event may lie outside the new view: close it rather than show a stranger.
        get().closeDetail();
        if (complete && extent === 0) void get().explainEmpty(view);
        else set({ matchHint: null });
      } catch (error) {
        if (get().generation !== generation) return;
        reportPageError(get, set, error, view.query);
        resumeViewWork();
        return;
      }
      // Rows first (docs/design.md §4): the rest starts once they are painted, the count first
      // (it sizes the scrollbar), and none of it competes with their first paint for the cores.
      await afterPaint();
      if (viewControl.signal.aborted) return;
      // A first page that holds everything is its own count.
      await startViewWork(view, viewControl.signal, complete);
    },

    ensureRows: (first, end) => {
      const { pageStatus, activeView, activeOrder, rowCount, generation } = get();
      if (pageStatus === 'error' || !activeView || rowCount === 0) return;
      wanted = { first, end };
      const lastBlock = blockOf(rowCount - 1);
      const firstInView = Math.min(lastBlock, blockOf(first));
      const lastInView = Math.min(lastBlock, blockOf(Math.max(first, end - 1)));
      const lo = Math.max(0, firstInView - PREFETCH_BLOCKS);
      const hi = Math.min(lastBlock, lastInView + PREFETCH_BLOCKS);
      const kept = keepBlocks(get().rows, lo - KEEP_BLOCKS, hi + KEEP_BLOCKS);
      if (kept !== get().rows) set({ rows: kept });
      // A jump leaves work for rows no longer wanted: stop it.
      for (const r of runs) if (r.end <= lo || r.start > hi) r.control.abort();
      runs = runs.filter((r) => !r.control.signal.aborted);
      // Rows in view missing (a jump): fetch only those first; the blocks around follow by keyset.
      const viewMissing = missingRuns(kept, firstInView, lastInView, () => false, firstInView, MAX_RUN_BLOCKS).length > 0;
      const [from, to] = viewMissing ? [firstInView, lastInView] : [lo, hi];
      for (const [start, stop] of missingRuns(kept, from, to, inFlight, blockOf(first), MAX_RUN_BLOCKS)) {
        void fetchRun(start, stop, generation, activeView, activeOrder);
      }
    },

    setVisibleRows: (visibleFirst, visibleEnd) => {
      if (get().visibleFirst !== visibleFirst || get().visibleEnd !== visibleEnd) set({ visibleFirst, visibleEnd });
    },

    goToTime: async (ts) => {
      const { activeView, activeOrder, generation } = get();
      if (!activeView) return;
      try {
        const { offset } = await api['events.seek']({ view: activeView, order: activeOrder, target: { ts } }, viewAbort ? { signal: viewAbort.signal } : {});
        if (get().generation !== generation) return;
        get().select(Math.min(offset, get().rowCount - 1));
      } catch (error) {
        if (get().generation === generation) get().showError(ApiClientError.from(error).message);
      }
    },
  };
};
