/** Opens the rules dialog: run the built-in pack over the view on screen and read its findings. */
import { useState } from 'react';
import { RulesDialog } from './RulesDialog.tsx';

export function RulesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="control" data-testid="rules-open" title="Run detection rules over the current view" onClick={() => setOpen(true)}>
        Rules…
      </button>
      {open && <RulesDialog onClose={() => setOpen(false)} />}
    </>
  );
}
