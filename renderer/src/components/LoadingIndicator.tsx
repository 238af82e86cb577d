/** A thin bar over the table while a page is loading. */
import { useAppStore } from '../state/store.ts';

export function LoadingIndicator() {
  const loading = useAppStore((s) => s.pageStatus === 'loading');
  if (!loading) return null;
  return (
    <div className="loading-indicator" data-testid="loading-indicator" role="progressbar" aria-label="Loading events" />
  );
}
