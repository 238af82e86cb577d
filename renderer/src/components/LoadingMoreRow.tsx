/** The placeholder row at the end while more pages exist. */
export function LoadingMoreRow({ top }: { top: number }) {
  return (
    <div className="event-row loading-more" role="row" style={{ transform: `translateY(${top}px)` }}>
      <div role="gridcell" className="cell">Loading more…</div>
    </div>
  );
}
