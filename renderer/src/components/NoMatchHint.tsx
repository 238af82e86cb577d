/** Under an empty table: why a field term matched nothing, and what would (state/hintSlice.ts). */
import { useAppStore } from '../state/store.ts';

export function NoMatchHint() {
  const hint = useAppStore((s) => s.matchHint);
  if (!hint) return null;
  return (
    <div className="no-match-hint" data-testid="no-match-hint" role="status">
      {hint}
    </div>
  );
}
