/**
 * The investigator's annotations in the page (issue 9 item 7): star, tags and note per event,
 * and the rows marked for a bulk tag (Ctrl/Cmd-click, Shift-click). A change shows at once and
 * is saved behind it; if the save fails it is undone and the API's sentence shown. Changes are
 * kept by event id over the rows' own annotations, so a row read before the change (a block
 * still cached) shows it too. Marks are cleared when the view changes: they name rows of it.
 */
import type { Annotation, EventRow, TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import { rowAt, type BlockCache } from '../table/blockCache.ts';
import type { AppState, SliceCreator } from './types.ts';

export const NO_ANNOTATION: Annotation = Object.freeze({ starred: false, tags: [], note: '' }) as Annotation;

export type BulkTarget = 'marked' | 'view';

export type AnnotationsSlice = {
  /** Annotations changed in this page, by event id; they win over what the rows were read with. */
  annotationEdits: ReadonlyMap<number, Annotation>;
  /** Events marked for a bulk action. */
  marked: ReadonlySet<number>;
  /** The row index a Shift-click range starts from. */
  markAnchor: number | null;
  /** What the last bulk tag did, as a sentence. */
  annotationNotice: string | null;
  /** Saves a change of one event's annotation; false (and undone) when the API refused it. */
  annotate: (eventId: number, change: Partial<Annotation>) => Promise<boolean>;
  toggleStar: (eventId: number) => Promise<boolean>;
  /** `s`: stars or unstars the selected row (or the event open in the detail). */
  toggleStarSelected: () => void;
  toggleMark: (index: number) => void;
  markRange: (index: number) => void;
  clearMarks: () => void;
  /** Adds or removes a tag on the marked rows or on every event of the view on screen. */
  bulkTag: (tag: string, action: 'add' | 'remove', target: BulkTarget) => Promise<{ ok: boolean; message: string }>;
};

/** The annotation to show for an event: this page's change, else what the row was read with. */
export function annotationOf(state: Pick<AppState, 'annotationEdits'>, row: Pick<EventRow, 'id' | 'annotation'>): Annotation {
  return state.annotationEdits.get(row.id) ?? row.annotation ?? NO_ANNOTATION;
}

/** Every loaded row, by id. */
function loadedRows(rows: BlockCache<EventRow>): Map<number, EventRow> {
  const out = new Map<number, EventRow>();
  for (const block of rows.blocks.values()) for (const row of block) out.set(row.id, row);
  return out;
}

function findRow(state: AppState, eventId: number): Pick<EventRow, 'id' | 'annotation'> | null {
  if (state.detail?.id === eventId) return state.detail;
  return loadedRows(state.rows).get(eventId) ?? null;
}

/** A query that tests annotations: a bulk tag may change which rows it selects. */
const TESTS_ANNOTATIONS = /(^|[\s(-])(starred|star|tags?|note|_exists_)\s*:/i;

export const createAnnotationsSlice = (api: TrailkeeperApi): SliceCreator<AnnotationsSlice> => (set, get, store) => {
  /** The latest change per event: an older save's failure must not undo a newer change. */
  const latest = new Map<number, number>();
  let seq = 0;

  store.subscribe((state, prev) => {
    if (state.generation !== prev.generation && (state.marked.size > 0 || state.markAnchor !== null)) set({ marked: new Set(), markAnchor: null });
  });

  const withEdit = (eventId: number, value: Annotation | undefined) => {
    const edits = new Map(get().annotationEdits);
    if (value) edits.set(eventId, value);
    else edits.delete(eventId);
    set({ annotationEdits: edits });
  };

  return {
    annotationEdits: new Map(),
    marked: new Set(),
    markAnchor: null,
    annotationNotice: null,

    annotate: async (eventId, change) => {
      const state = get();
      const row = findRow(state, eventId);
      const before = state.annotationEdits.get(eventId);
      const current = before ?? row?.annotation ?? NO_ANNOTATION;
      const mine = ++seq;
      latest.set(eventId, mine);
      withEdit(eventId, { ...current, ...change });
      try {
        const { eventId: _id, ...saved } = await api['annotations.set']({ eventId, ...change });
        if (latest.get(eventId) === mine) withEdit(eventId, saved);
        return true;
      } catch (error) {
        if (latest.get(eventId) === mine) withEdit(eventId, before);
        get().showError(`The change was not saved: ${ApiClientError.from(error).message}`);
        return false;
      }
    },

    toggleStar: (eventId) => {
      const state = get();
      const row = findRow(state, eventId);
      const starred = (state.annotationEdits.get(eventId) ?? row?.annotation ?? NO_ANNOTATION).starred;
      return get().annotate(eventId, { starred: !starred });
    },

    toggleStarSelected: () => {
      const state = get();
      const row = state.selectedIndex === null ? undefined : rowAt(state.rows, state.selectedIndex);
      const id = row?.id ?? (state.detailOpen ? state.detailId : null);
      if (id !== null && id !== undefined) void get().toggleStar(id);
    },

    toggleMark: (index) => {
      const state = get();
      const row = rowAt(state.rows, index);
      if (!row) return;
      const marked = new Set(state.marked);
      // The first Ctrl-click keeps the row already selected, as a file manager does.
      const selected = state.selectedIndex === null ? undefined : rowAt(state.rows, state.selectedIndex);
      if (marked.size === 0 && selected && selected.id !== row.id) marked.add(selected.id);
      if (marked.has(row.id)) marked.delete(row.id);
      else marked.add(row.id);
      set({ marked, markAnchor: index });
    },

    markRange: (index) => {
      const state = get();
      const anchor = state.markAnchor ?? state.selectedIndex ?? index;
      const marked = new Set<number>();
      // Only loaded rows can be named; the table keeps the blocks around the viewport loaded.
      for (let i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
        const row = rowAt(state.rows, i);
        if (row) marked.add(row.id);
      }
      set({ marked, markAnchor: anchor });
    },

    clearMarks: () => set({ marked: new Set(), markAnchor: null }),

    bulkTag: async (tag, action, target) => {
      const state = get();
      const view = state.activeView;
      if (target === 'marked' && state.marked.size === 0) return { ok: false, message: 'Select rows first: Ctrl-click or Shift-click them.' };
      if (target === 'view' && !view) return { ok: false, message: 'There is no view on screen to tag.' };
      const ids = [...state.marked];
      try {
        const input = target === 'marked' ? { eventIds: ids } : { view: view! };
        const { matched, changed } = await api['annotations.bulkTag']({ tag, action, target: input });
        const verb = action === 'add' ? `Tagged ${changed.toLocaleString('en-US')} event${changed === 1 ? '' : 's'} '${tag}'` : `Removed '${tag}' from ${changed.toLocaleString('en-US')} event${changed === 1 ? '' : 's'}`;
        const message = `${verb} (${matched.toLocaleString('en-US')} ${target === 'marked' ? 'selected' : 'in view'}).`;
        applyLocally(tag.trim(), action, target === 'marked' ? new Set(ids) : null);
        set({ annotationNotice: message });
        if (view && TESTS_ANNOTATIONS.test(view.query)) void get().refresh();
        return { ok: true, message };
      } catch (error) {
        return { ok: false, message: ApiClientError.from(error).message };
      }
    },
  };

  /**
   * After a bulk tag the loaded rows it touched show it now (all of them for the view: they are
   * the view), and earlier changes of rows not loaded are forgotten: they are read afresh.
   */
  function applyLocally(tag: string, action: 'add' | 'remove', only: Set<number> | null): void {
    const state = get();
    const loaded = loadedRows(state.rows);
    const edits = new Map<number, Annotation>();
    for (const [id, edit] of state.annotationEdits) if (loaded.has(id) || state.detail?.id === id) edits.set(id, edit);
    const lower = tag.toLowerCase();
    for (const row of loaded.values()) {
      if (only && !only.has(row.id)) continue;
      const current = edits.get(row.id) ?? row.annotation ?? NO_ANNOTATION;
      const has = current.tags.some((t) => t.toLowerCase() === lower);
      if (action === 'add' && !has) edits.set(row.id, { ...current, tags: [...current.tags, tag].sort() });
      if (action === 'remove' && has) edits.set(row.id, { ...current, tags: current.tags.filter((t) => t.toLowerCase() !== lower) });
    }
    set({ annotationEdits: edits });
  }
};
