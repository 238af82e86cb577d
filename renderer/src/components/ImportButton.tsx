/**
 * Opens the import dialog. In browser mode the upload goes to the loopback host; the desktop app
 * has no upload path over IPC and shows its Open dialog and drop target instead (DesktopImportButton).
 */
import { useState } from 'react';
import { transportKind } from '../api/client.ts';
import { DesktopImportButton } from './DesktopImportButton.tsx';
import { ImportDialog } from './ImportDialog.tsx';

export function ImportButton() {
  const [open, setOpen] = useState(false);
  if (transportKind !== 'http') return <DesktopImportButton />;
  return (
    <>
      <button type="button" className="control" data-testid="import-open" title="Import an audit log file" onClick={() => setOpen(true)}>
        Import…
      </button>
      {open && <ImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
