/** The exact number of matching events; it arrives after the first page. */
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../format/count.ts';
import { useAppStore } from '../state/store.ts';

export function TotalCount() {
  const { count, countStatus } = useAppStore(useShallow((s) => ({ count: s.count, countStatus: s.countStatus })));
  let text = '';
  if (countStatus === 'loading') text = 'counting…';
  else if (countStatus === 'error') text = 'count unavailable';
  else if (count !== null) text = `${formatCount(count)} ${count === 1 ? 'event' : 'events'}`;
  return (
    <span className="total-count" data-testid="total-count" data-count={count ?? undefined} aria-live="polite">
      {text}
    </span>
  );
}
