/** The top bar's way to syslog intake: "Syslog" (or "Syslog: on" while it runs) opens the panel. */
import { useCallback, useState } from 'react';
import { SyslogIntake } from './SyslogIntake.tsx';
import { useEscapeToClose } from '../../hooks/useEscapeToClose.ts';

export function SyslogIntakeButton() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  useEscapeToClose(close, open);
  return (
    <>
      <button type="button" className="control" data-testid="syslog-open" title="Receive syslog into a tenant" onClick={() => setOpen(true)}>
        Syslog…
      </button>
      {open && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-labelledby="syslog-title" data-testid="syslog-dialog">
            <SyslogIntake />
            <div className="modal-actions">
              <button type="button" className="control" data-testid="syslog-close" onClick={() => setOpen(false)}>
                Close
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
