/** Opens the export dialog for the view on screen. */
import { useState } from 'react';
import { ExportDialog } from './ExportDialog.tsx';

export function ExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="control" data-testid="export-open" title="Export the current view" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
