/**
 * The confirmation before a shorter retention removes events: it says how many, older than when,
 * from which tenant, and removes exactly those on confirm. Focus starts on Cancel and returns to
 * where it was after; Esc cancels.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../../format/count.ts';
import { useAppStore } from '../../state/store.ts';
import { useTenantAdmin } from '../../state/tenantAdmin.ts';
import { shortTime } from './shortTime.ts';

export function RetentionConfirm() {
  const { preview, confirm, close, busy } = useTenantAdmin(useShallow((s) => ({ preview: s.preview, confirm: s.confirmRetention, close: s.closePreview, busy: s.busy })));
  const { tenants, timeZone } = useAppStore(useShallow((s) => ({ tenants: s.tenants, timeZone: s.timeZone })));
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Focus moves to Cancel while the question is open, and back to where it was (the days box) after.
  useEffect(() => {
    if (!preview) return;
    const before = document.activeElement;
    cancelButton.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [preview]);
  if (!preview) return null;
  const name = tenants.find((t) => t.id === preview.tenantId)?.name ?? `tenant ${preview.tenantId}`;
  const events = `${formatCount(preview.removes)} event${preview.removes === 1 ? '' : 's'}`;
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className="modal retention-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="retention-confirm-title"
        aria-describedby="retention-confirm-text"
        data-testid="retention-confirm"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          }
        }}
      >
        <h3 id="retention-confirm-title">Keep {preview.days} days of {name}?</h3>
        <p id="retention-confirm-text" data-testid="retention-confirm-text" data-removes={preview.removes}>
          This will remove {events} older than {shortTime(preview.cutoff, timeZone)} from {name}. Removed events cannot be brought back
          except by syncing or importing them again.
        </p>
        <div className="modal-actions">
          <button type="button" className="control danger" data-testid="retention-confirm-ok" disabled={busy} onClick={() => void confirm()}>
            {busy ? `Removing ${events}…` : `Remove ${events}`}
          </button>
          <button type="button" className="control" ref={cancelButton} data-testid="retention-confirm-cancel" onClick={close}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
