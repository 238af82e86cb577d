/**
 * The table toolbar's annotation actions: "★ Starred" (the query becomes `starred:true`, scope
 * and range kept; pressed again, the query before it comes back), "Tag…" (a tag added to or
 * removed from the selected rows or every event of the view, its time window: TagDialog), and
 * what the last bulk tag did. Two short buttons: the toolbar is narrow while the inspector is open.
 */
import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store.ts';
import { TagDialog } from './TagDialog.tsx';
import './Annotations.css';

export const STARRED_QUERY = 'starred:true';

export function AnnotationActions() {
  const { queryText, marked, notice, rowCount } = useAppStore(
    useShallow((s) => ({ queryText: s.queryText, marked: s.marked.size, notice: s.annotationNotice, rowCount: s.rowCount })),
  );
  const [open, setOpen] = useState(false);
  const before = useRef('');
  const tagButton = useRef<HTMLButtonElement>(null);
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
      <button
        ref={tagButton}
        type="button"
        className="control"
        data-testid="tag-events"
        disabled={rowCount === 0 && marked === 0}
        title={marked > 0 ? `Tag the ${marked} selected rows, or every event in view` : 'Tag every event in view, or Ctrl/Cmd-click and Shift-click rows to tag those'}
        onClick={() => setOpen(true)}
      >
        {marked > 0 ? `Tag ${marked}…` : 'Tag…'}
      </button>
      {notice && <span className="muted annotation-notice" data-testid="annotation-notice" role="status" title={notice}>{notice}</span>}
      {open && (
        <TagDialog
          initialTarget={marked > 0 ? 'marked' : 'view'}
          onClose={() => {
            setOpen(false);
            tagButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}
