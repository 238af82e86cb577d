/**
 * Opens the import dialog. Shown in browser mode only: the upload goes to the loopback host, and
 * the desktop app has no upload path over IPC (its Open dialog and drag-and-drop are elsewhere).
 */
import { useState } from 'react';
import { transportKind } from '../api/client.ts';
import { ImportDialog } from './ImportDialog.tsx';

export function ImportButton() {
  const [open, setOpen] = useState(false);
  if (transportKind !== 'http') return null;
  return (
    <>
      <button type="button" className="control" data-testid="import-open" title="Import an audit log file" onClick={() => setOpen(true)}>
        Import…
      </button>
      {open && <ImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
