/**
 * Filters from a value (sidebar, cell, inspector) and the chips that edit them. The query text is
 * the truth: a filter is a term in it (format/queryTerms.ts); a chip toggled off leaves the text
 * and waits here, to go back in when toggled on. Every change reruns the view.
 */
import { addTerm, filterTerms, negateTerm, removeTerm, termFor, type FilterTerm } from '../format/queryTerms.ts';
import type { SliceCreator } from './types.ts';

export type FiltersSlice = {
  /** Terms toggled off, by their text. */
  disabledFilters: string[];
  addFilter: (field: string, value: string | null, negated: boolean) => void;
  toggleFilter: (term: string) => void;
  negateFilter: (term: FilterTerm) => void;
  removeFilter: (term: string) => void;
};

export const createFiltersSlice: SliceCreator<FiltersSlice> = (set, get) => {
  const run = (queryText: string, disabledFilters = get().disabledFilters) => {
    set({ queryText, disabledFilters });
    void get().refresh();
  };
  return {
    disabledFilters: [],
    addFilter: (field, value, negated) => {
      const term = termFor(field, value, negated);
      const { queryText } = get();
      // The same filter twice adds nothing; its opposite replaces it.
      const opposite = filterTerms(queryText).find((t) => t.text === termFor(field, value, !negated));
      const base = opposite ? removeTerm(queryText, opposite) : queryText;
      if (filterTerms(base).some((t) => t.text === term)) return;
      run(addTerm(base, term), get().disabledFilters.filter((d) => d !== term));
    },
    toggleFilter: (text) => {
      const { queryText, disabledFilters } = get();
      const live = filterTerms(queryText).find((t) => t.text === text);
      if (live) run(removeTerm(queryText, live), [...disabledFilters, text]);
      else if (disabledFilters.includes(text)) run(addTerm(queryText, text), disabledFilters.filter((d) => d !== text));
    },
    negateFilter: (term) => run(negateTerm(get().queryText, term)),
    removeFilter: (text) => {
      const { queryText, disabledFilters } = get();
      const live = filterTerms(queryText).find((t) => t.text === text);
      if (live) run(removeTerm(queryText, live));
      else set({ disabledFilters: disabledFilters.filter((d) => d !== text) });
    },
  };
};
