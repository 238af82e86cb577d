/** Opens the presets dialog: saved views to apply, manage, import and export. */
import { useState } from 'react';
import { PresetsDialog } from './PresetsDialog.tsx';

export function PresetsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="control" data-testid="presets-open" title="Saved views" onClick={() => setOpen(true)}>
        Presets…
      </button>
      {open && <PresetsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
