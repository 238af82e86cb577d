/**
 * Shown when a view ran and matched nothing: says what narrowed it and offers the one-click ways
 * out (clear the query, all time, all tenants); with nothing narrowing it, the workspace itself
 * is empty, and the way in is an import or a connection.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store.ts';
import './EmptyState.css';

export function EmptyState() {
  const { queryText, narrowedByRange, narrowedByScope, hasTenants } = useAppStore(
    useShallow((s) => ({
      queryText: s.activeView?.query ?? s.queryText,
      narrowedByRange: s.customRange !== null || s.rangePreset !== 'all',
      narrowedByScope: s.scope.kind !== 'all',
      hasTenants: s.tenants.length > 0,
    })),
  );
  const narrowedByQuery = queryText.trim() !== '';
  if (!narrowedByQuery && !narrowedByRange && !narrowedByScope) {
    return (
      <div className="empty-state" data-testid="empty-state" role="status">
        <p>No events in this workspace yet.</p>
        <p className="empty-next">
          {hasTenants ? 'Its tenants have no events yet: sync them from Connections, or ' : 'Add a connection under Connections, or '}
          import an export file with Import.
        </p>
      </div>
    );
  }
  const clearQuery = () => {
    const state = useAppStore.getState();
    state.setQueryText('');
    state.runQuery();
  };
  return (
    <div className="empty-state" data-testid="empty-state" role="status">
      <p>No events match{narrowedByQuery ? ' this query' : ''}{narrowedByScope ? ' in this scope' : ''}{narrowedByRange ? ' in this time range' : ''}.</p>
      <p className="empty-next">
        Widen it:{' '}
        {narrowedByQuery && (
          <button type="button" className="control" data-testid="empty-clear-query" onClick={clearQuery}>
            Clear the query
          </button>
        )}
        {narrowedByRange && (
          <button type="button" className="control" data-testid="empty-all-time" onClick={() => useAppStore.getState().setRangePreset('all')}>
            All time
          </button>
        )}
        {narrowedByScope && (
          <button type="button" className="control" data-testid="empty-all-tenants" onClick={() => useAppStore.getState().setScope({ kind: 'all' })}>
            All tenants
          </button>
        )}
      </p>
    </div>
  );
}

/** Shown when the rows could not be loaded at all (not a typo: that keeps the last rows). */
export function LoadErrorState() {
  const message = useAppStore((s) => s.bannerError);
  return (
    <div className="empty-state" data-testid="load-error-state" role="alert">
      <p>The events could not be loaded{message ? `: ${message}` : '.'}</p>
      <p className="empty-next">
        <button type="button" className="control" data-testid="load-error-retry" onClick={() => void useAppStore.getState().refresh()}>
          Try again
        </button>{' '}
        or change the query, range or scope.
      </p>
    </div>
  );
}
