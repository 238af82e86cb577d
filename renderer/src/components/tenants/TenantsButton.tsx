/** The top bar's way to the Tenants screen (retention, legal hold, groups, integrity) and back. */
import { useSyncStore } from '../../state/syncSlice.ts';

export function TenantsButton() {
  const screen = useSyncStore((s) => s.screen);
  const openScreen = useSyncStore((s) => s.openScreen);
  const open = screen === 'tenants';
  return (
    <button
      type="button"
      className="control"
      data-testid="tenants-open"
      aria-pressed={open}
      title={open ? 'Back to the events' : 'Tenants: retention, legal hold, groups, integrity'}
      onClick={() => openScreen(open ? 'events' : 'tenants')}
    >
      Tenants
    </button>
  );
}
