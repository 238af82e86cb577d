/** "1–40 of 1,234,567": where the view is in the whole result. */
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../format/count.ts';
import { useAppStore } from '../state/store.ts';

export function RowPosition() {
  const { first, end, count, rowCount, selectedIndex } = useAppStore(
    useShallow((s) => ({ first: s.visibleFirst, end: s.visibleEnd, count: s.count, rowCount: s.rowCount, selectedIndex: s.selectedIndex })),
  );
  if (rowCount === 0) return <span className="row-position" data-testid="row-position" />;
  const of = count === null ? `${formatCount(rowCount)}+` : formatCount(count);
  const shown = Math.min(end, count ?? end);
  return (
    <span className="row-position" data-testid="row-position" data-first={first + 1} data-last={shown}>
      {formatCount(first + 1)}–{formatCount(shown)} of {of}
      {selectedIndex !== null && <span className="muted"> · row {formatCount(selectedIndex + 1)} selected</span>}
    </span>
  );
}
