/** Shown when a view ran and matched nothing. */
export function EmptyState() {
  return (
    <div className="empty-state" data-testid="empty-state">
      No events match
    </div>
  );
}
