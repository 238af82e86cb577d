/** Switches displayed times between UTC (`…Z`) and local time with its offset. */
import { useAppStore } from '../state/store.ts';

export function TimeZoneToggle() {
  const timeZone = useAppStore((s) => s.timeZone);
  const setTimeZone = useAppStore((s) => s.setTimeZone);
  const isUtc = timeZone === 'utc';
  return (
    <button
      type="button"
      className="control tz-toggle"
      data-testid="timezone-toggle"
      data-mode={timeZone}
      aria-pressed={!isUtc}
      title={isUtc ? 'Times in UTC. Click for local time.' : 'Times in local time. Click for UTC.'}
      onClick={() => setTimeZone(isUtc ? 'local' : 'utc')}
    >
      {isUtc ? 'UTC' : 'Local'}
    </button>
  );
}
