/** A row whose block is still being fetched: it keeps its place (and its selection) until the row arrives. */
export function PendingRow({ index, top, selected }: { index: number; top: number; selected: boolean }) {
  return (
    <div
      className={selected ? 'event-row pending selected' : 'event-row pending'}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-busy="true"
      data-testid="pending-row"
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell">Loading…</div>
    </div>
  );
}
