/**
 * The query's filters as chips: the label toggles one off (it leaves the query and waits here)
 * and on again, ≠ negates it, × removes it. They are the query text's own terms, so the query
 * box and the chips never disagree.
 */
import { useShallow } from 'zustand/react/shallow';
import { filterTerms } from '../format/queryTerms.ts';
import { useAppStore } from '../state/store.ts';

export function FilterChips() {
  const { queryText, activeQuery, disabled, toggleFilter, negateFilter, removeFilter } = useAppStore(
    useShallow((s) => ({
      queryText: s.queryText,
      activeQuery: s.activeView?.query ?? '',
      disabled: s.disabledFilters,
      toggleFilter: s.toggleFilter,
      negateFilter: s.negateFilter,
      removeFilter: s.removeFilter,
    })),
  );
  // Chips show the query being run, not text still being typed.
  const terms = queryText === activeQuery ? filterTerms(queryText) : filterTerms(activeQuery);
  if (terms.length === 0 && disabled.length === 0) return null;
  return (
    <div className="filter-chips" data-testid="filter-chips" aria-label="Filters">
      {terms.map((t) => (
        <span key={`on-${t.text}`} className={t.negated ? 'filter-chip negated' : 'filter-chip'} data-testid="filter-chip" data-term={t.text}>
          <button type="button" title="Turn this filter off" aria-pressed="true" onClick={() => toggleFilter(t.text)}>
            {t.negated ? 'NOT ' : ''}
            {t.field}: {t.value}
          </button>
          <button type="button" aria-label={`Negate ${t.text}`} title={t.negated ? 'Match this value again' : 'Exclude this value instead'} onClick={() => negateFilter(t)}>
            ≠
          </button>
          <button type="button" aria-label={`Remove ${t.text}`} title="Remove this filter" onClick={() => removeFilter(t.text)}>
            ×
          </button>
        </span>
      ))}
      {disabled.map((text) => (
        <span key={`off-${text}`} className="filter-chip disabled" data-testid="filter-chip" data-term={text} data-disabled="true">
          <button type="button" title="Turn this filter back on" aria-pressed="false" onClick={() => toggleFilter(text)}>
            {text}
          </button>
          <button type="button" aria-label={`Remove ${text}`} title="Remove this filter" onClick={() => removeFilter(text)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
