/**
 * The table toolbar's annotation actions: "★ Starred" (the query becomes `starred:true`, scope
 * and range kept; pressed again, the query before it comes back), "Tag selection…" while rows
 * are marked, "Tag all in view…", and what the last bulk tag did.
 */
import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BulkTarget } from '../../state/annotationsSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { TagDialog } from './TagDialog.tsx';
import './Annotations.css';

export const STARRED_QUERY = 'starred:true';

export function AnnotationActions() {
  const { queryText, marked, notice, rowCount } = useAppStore(
    useShallow((s) => ({ queryText: s.queryText, marked: s.marked.size, notice: s.annotationNotice, rowCount: s.rowCount })),
  );
  const [dialog, setDialog] = useState<BulkTarget | null>(null);
  const before = useRef('');
  const starredView = queryText.trim() === STARRED_QUERY;

  const toggleStarredView = () => {
    const { setQueryText, runQuery } = useAppStore.getState();
    if (starredView) setQueryText(before.current === STARRED_QUERY ? '' : before.current);
    else {
      before.current = queryText;
      setQueryText(STARRED_QUERY);
    }
    runQuery();
  };

  return (
    <div className="annotation-actions">
      <button type="button" className="control" data-testid="starred-view" aria-pressed={starredView} title="Show the starred events of this scope and range" onClick={toggleStarredView}>
        ★ Starred
      </button>
      {marked > 0 && (
        <button type="button" className="control" data-testid="tag-selection" onClick={() => setDialog('marked')}>
          Tag selection… ({marked})
        </button>
      )}
      <button type="button" className="control" data-testid="tag-view" disabled={rowCount === 0} title="Add or remove a tag on every event of this view" onClick={() => setDialog('view')}>
        Tag all in view…
      </button>
      {notice && <span className="muted annotation-notice" data-testid="annotation-notice" role="status">{notice}</span>}
      {dialog && <TagDialog target={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}
