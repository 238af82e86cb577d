/** Opens the forensic SQL console. */
import { useState } from 'react';
import { SqlConsole } from './SqlConsole.tsx';

export function SqlButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="control" data-testid="sql-open" title="Read-only SQL over the workspace" onClick={() => setOpen(true)}>
        SQL…
      </button>
      {open && <SqlConsole onClose={() => setOpen(false)} />}
    </>
  );
}
