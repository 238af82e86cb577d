/** The star at the start of a table row: click (or `s` on the selected row) stars or unstars the event. */
import type { EventRow } from '../../../../common/contract.ts';
import { annotationOf } from '../../state/annotationsSlice.ts';
import { useAppStore } from '../../state/store.ts';

export function StarToggle({ row }: { row: Pick<EventRow, 'id' | 'annotation'> }) {
  const starred = useAppStore((s) => annotationOf(s, row).starred);
  return (
    <button
      type="button"
      className={starred ? 'row-star starred' : 'row-star'}
      data-testid="row-star"
      aria-pressed={starred}
      aria-label={starred ? 'Unstar this event (s)' : 'Star this event (s)'}
      title={starred ? 'Starred: click to unstar (s)' : 'Star (s)'}
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
