/**
 * Queries that ran, newest first, per workspace (the last 50, each once), and the walk through
 * them that ↑ and ↓ make in the query box: ↑ goes back, ↓ forward, and past the newest the box
 * gets back what it held before the walk began.
 */
import { z } from 'zod';
import type { AppState, SliceCreator } from './types.ts';
import { readPref, writePref } from './workspacePrefs.ts';

export const HISTORY_PREF = 'query-history';
export const HISTORY_LIMIT = 50;
const MAX_QUERY_CHARS = 10_000;

const storedSchema = z.array(z.string().max(MAX_QUERY_CHARS)).max(1_000);

export type HistorySlice = {
  queryHistory: string[];
  /** Where the walk stands (0 = newest), or null when the box holds the user's own text. */
  historyPos: number | null;
  /** The box's text when the walk began, given back when ↓ walks past the newest entry. */
  historyDraft: string;
  recordQuery: (text: string) => void;
  /** The text the box shows after one step back (older) or forward (newer); null when there is nowhere to go. */
  stepHistory: (direction: 'back' | 'forward', current: string) => string | null;
  endHistoryWalk: () => void;
  restoreHistory: () => void;
};

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get) => ({
  queryHistory: [],
  historyPos: null,
  historyDraft: '',
  recordQuery: (text) => {
    const query = text.trim();
    if (query === '' || query.length > MAX_QUERY_CHARS) return;
    const queryHistory = [query, ...get().queryHistory.filter((q) => q !== query)].slice(0, HISTORY_LIMIT);
    set({ queryHistory, historyPos: null });
    const workspace = get().workspaceKey;
    if (workspace !== null) writePref(workspace, HISTORY_PREF, queryHistory);
  },
  stepHistory: (direction, current) => {
    const { queryHistory, historyPos, historyDraft } = get();
    if (direction === 'back') {
      let pos = (historyPos ?? -1) + 1;
      // The entry the box already shows (the query just run) is not a step.
      while (pos < queryHistory.length && queryHistory[pos] === current.trim()) pos++;
      if (pos >= queryHistory.length) return null;
      set({ historyPos: pos, historyDraft: historyPos === null ? current : historyDraft });
      return queryHistory[pos]!;
    }
    if (historyPos === null) return null;
    if (historyPos === 0) {
      set({ historyPos: null });
      return historyDraft;
    }
    set({ historyPos: historyPos - 1 });
    return queryHistory[historyPos - 1]!;
  },
  endHistoryWalk: () => {
    if (get().historyPos !== null) set({ historyPos: null });
  },
  restoreHistory: () => {
    const workspace = get().workspaceKey;
    if (workspace === null) return;
    const stored = storedSchema.safeParse(readPref(workspace, HISTORY_PREF));
    if (!stored.success) return;
    // Queries run before the workspace was known come first; then the stored ones, each once.
    const merged = [...get().queryHistory, ...stored.data.map((q) => q.trim()).filter(Boolean)];
    set({ queryHistory: [...new Set(merged)].slice(0, HISTORY_LIMIT) });
  },
});

type Store = { subscribe: (listener: (state: AppState, prev: AppState) => void) => () => void };

/** Records each query that ran (a view the API accepted), whichever control ran it. */
export function bindQueryHistory(store: Store): () => void {
  return store.subscribe((state, prev) => {
    if (state.activeView !== prev.activeView && state.activeView && state.activeView.query.trim() !== '') {
      state.recordQuery(state.activeView.query);
    }
  });
}
