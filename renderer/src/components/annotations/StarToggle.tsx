/**
 * The star at the start of a table row: click (or `s` on the selected row) stars or unstars the
 * event. Its tooltip lists the event's tags and the start of its note, and a dot under the star
 * says it has some, so the table shows every annotation without a column of its own.
 */
import { useShallow } from 'zustand/react/shallow';
import type { EventRow } from '../../../../common/contract.ts';
import { annotationOf } from '../../state/annotationsSlice.ts';
import { useAppStore } from '../../state/store.ts';

const NOTE_PREVIEW = 120;

export function StarToggle({ row }: { row: Pick<EventRow, 'id' | 'annotation'> }) {
  const { starred, tags, note } = useAppStore(useShallow((s) => annotationOf(s, row)));
  const marks = [
    starred ? 'Starred: click to unstar (s)' : 'Star (s)',
    tags.length > 0 ? `Tags: ${tags.join(', ')}` : null,
    note ? `Note: ${note.length > NOTE_PREVIEW ? `${note.slice(0, NOTE_PREVIEW)}…` : note}` : null,
  ].filter(Boolean).join('\n');
  const className = ['row-star', starred ? 'starred' : '', tags.length > 0 || note ? 'has-marks' : ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={className}
      data-testid="row-star"
      data-tags={tags.join(' ')}
      aria-pressed={starred}
      aria-label={starred ? 'Unstar this event (s)' : 'Star this event (s)'}
      title={marks}
      tabIndex={-1}
      onClick={(e) => {
        // The star is not a row click: the selection stays where it is.
        e.stopPropagation();
        void useAppStore.getState().toggleStar(row.id);
      }}
    >
      {starred ? '★' : '☆'}
    </button>
  );
}
