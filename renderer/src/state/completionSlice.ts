/**
 * The query box's suggestions (format/queryCompletion.ts): field names at once, and values of the
 * field being typed from events.topValues over the current scope and range (not the query being
 * typed, which may not parse yet). Value lookups wait for a pause in typing, a new lookup aborts
 * the one in flight, and an answer that arrives for an old caret is dropped. Top values are kept
 * per field and view, so typing more of a value filters what came back without asking again.
 */
import type { FacetField, TrailkeeperApi } from '../../../common/contract.ts';
import type { View } from '../api/viewTypes.ts';
import { completionContext, fieldItems, valueItems, type CompletionContext, type CompletionItem } from '../format/queryCompletion.ts';
import { resolveRange } from '../format/rangePresets.ts';
import type { AppState, SliceCreator } from './types.ts';
import { TAG_VALUES, tagValues } from './tagValues.ts';

export const VALUE_LOOKUP_DELAY_MS = 150;
/** Top values asked for: the most the API gives, filtered here by what is typed. */
const VALUE_LIMIT = 100;

export type CompletionSlice = {
  completionItems: CompletionItem[];
  completionContext: CompletionContext | null;
  /** The highlighted suggestion, or −1 before ↑/↓ picks one. */
  completionActive: number;
  completionOpen: boolean;
  /** The suggestions for the text and caret (after typing, or after taking a suggestion). */
  updateCompletion: (text: string, caret: number) => void;
  moveCompletion: (delta: number) => void;
  closeCompletion: () => void;
};

type TopValues = { value: string | null; count: number }[];

function lookupView(state: AppState): View {
  const range = state.customRange ?? resolveRange(state.rangePreset, Date.now());
  return { scope: state.scope, range, query: '' };
}

function cacheKey(state: AppState, facet: FacetField | typeof TAG_VALUES): string {
  return JSON.stringify([facet, state.scope, state.customRange ?? state.rangePreset]);
}

export const createCompletionSlice = (api: TrailkeeperApi): SliceCreator<CompletionSlice> => (set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;
  /** Bumped by every update: an answer for an older one is stale. */
  let seq = 0;
  const cache = new Map<string, TopValues>();

  const show = (context: CompletionContext, items: CompletionItem[]) =>
    set({ completionContext: context, completionItems: items, completionOpen: items.length > 0, completionActive: -1 });

  const stopLookup = () => {
    clearTimeout(timer);
    inFlight?.abort();
    inFlight = null;
  };

  async function lookUp(context: Extract<CompletionContext, { kind: 'value' }>, facet: FacetField | typeof TAG_VALUES, key: string, mySeq: number) {
    const control = (inFlight = new AbortController());
    try {
      const { values } = facet === TAG_VALUES
        ? await tagValues(api, lookupView(get()), VALUE_LIMIT, { signal: control.signal })
        : await api['events.topValues']({ view: lookupView(get()), field: facet, limit: VALUE_LIMIT }, { signal: control.signal });
      // Tags change as the investigator tags: asked afresh each time, never cached.
      if (facet !== TAG_VALUES) cache.set(key, values);
      if (mySeq === seq) show(context, valueItems(context, values));
    } catch {
      // Aborted, or the lookup failed: the enum's own values (if any) are still worth offering.
      if (mySeq === seq && !control.signal.aborted) show(context, valueItems(context, []));
    } finally {
      if (inFlight === control) inFlight = null;
    }
  }

  return {
    completionItems: [],
    completionContext: null,
    completionActive: -1,
    completionOpen: false,
    updateCompletion: (text, caret) => {
      const mySeq = ++seq;
      stopLookup();
      const context = completionContext(text, caret);
      if (!context) return get().closeCompletion();
      if (context.kind === 'field') return show(context, fieldItems(context.prefix));
      const facet = context.field.kind === 'tag' ? TAG_VALUES : context.field.facet;
      if (facet === null) return show(context, valueItems(context, []));
      const key = cacheKey(get(), facet);
      const cached = cache.get(key);
      if (cached) return show(context, valueItems(context, cached));
      // Meanwhile an enum shows its fixed values; the counts follow.
      show(context, valueItems(context, []));
      timer = setTimeout(() => void lookUp(context, facet, key, mySeq), VALUE_LOOKUP_DELAY_MS);
    },
    moveCompletion: (delta) => {
      const { completionItems, completionActive } = get();
      const n = completionItems.length;
      if (n === 0) return;
      const from = completionActive < 0 ? (delta > 0 ? -1 : n) : completionActive;
      set({ completionActive: (((from + delta) % n) + n) % n });
    },
    closeCompletion: () => {
      seq++;
      stopLookup();
      // Values are kept for one round of typing only: the next may be over new data.
      cache.clear();
      if (get().completionOpen || get().completionContext) set({ completionOpen: false, completionItems: [], completionContext: null, completionActive: -1 });
    },
  };
};
