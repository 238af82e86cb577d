/**
 * Esc closes a dialog, unless `enabled` is false (a dialog whose work is running keeps it open:
 * its Cancel button stops the work first). One listener on the window while enabled.
 */
import { useEffect } from 'react';

export function useEscapeToClose(onClose: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, enabled]);
}
