/**
 * Why a view matched nothing, when a field term is the reason: `outcome:fail` names the values
 * outcome can have; a facet field's value that matches nothing names the values that do occur
 * (with that term left out) and contain what was typed, or the most common ones.
 */
import { ACTIVITIES, CATEGORIES, FACET_FIELDS, OUTCOMES, type FacetField, type TrailkeeperApi } from '../../../common/contract.ts';
import type { View } from '../api/viewTypes.ts';
import { filterTerms, removeTerm } from '../format/queryTerms.ts';
import type { SliceCreator } from './types.ts';
import { tagValues } from './tagValues.ts';

const ENUMS: Record<string, readonly string[]> = { outcome: OUTCOMES, category: CATEGORIES, activity: ACTIVITIES };

export type HintSlice = {
  /** A sentence under the empty table, or null. */
  matchHint: string | null;
  explainEmpty: (view: View) => Promise<void>;
};

const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

export const createHintSlice = (api: TrailkeeperApi): SliceCreator<HintSlice> => (set, get) => ({
  matchHint: null,
  explainEmpty: async (view) => {
    set({ matchHint: null });
    for (const term of filterTerms(view.query)) {
      if (term.negated || term.value === null || /[*?]/.test(term.value)) continue;
      const field = term.field.toLowerCase();
      const allowed = ENUMS[field];
      if (allowed && !allowed.includes(term.value.toLowerCase())) {
        set({ matchHint: `${field} is never "${term.value}": it is one of ${list(allowed)}.` });
        return;
      }
      // Tags are no facet: the tags in use (annotations.tags) stand for the top values.
      const isTag = field === 'tag' || field === 'tags';
      if (!isTag && (!(FACET_FIELDS as readonly string[]).includes(field) || allowed)) continue;
      try {
        const without = { ...view, query: removeTerm(view.query, term) };
        const { values } = isTag
          ? await tagValues(api, without, 100, {})
          : await api['events.topValues']({ view: without, field: field as FacetField, limit: 100 });
        if (get().activeView !== view) return;
        const present = values.flatMap((v) => (v.value === null ? [] : [v.value]));
        if (present.length === 0) continue;
        const typed = term.value.toLowerCase();
        const close = present.filter((v) => v.toLowerCase().includes(typed)).slice(0, 5);
        set({
          matchHint: close.length
            ? `No event has ${field} "${term.value}" here; did you mean ${list(close)}? (or ${field}:${term.value}* for every value starting with it)`
            : `No event has ${field} "${term.value}" here; the most common are ${list(present.slice(0, 5))}.`,
        });
        return;
      } catch {
        // The hint is a courtesy: without it the empty table still says nothing matched.
      }
    }
  },
});
