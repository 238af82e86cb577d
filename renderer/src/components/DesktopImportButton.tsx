/**
 * The desktop app's Import… button and drop target: the button opens the import dialog (whose
 * Open dialog the main process shows); files dropped on the window open it with those files.
 */
import { useCallback, useState } from 'react';
import type { DropRegistration } from '../../../common/contract.ts';
import { useFileDrop } from '../hooks/useFileDrop.ts';
import { DesktopImportDialog, type DroppedFiles } from './DesktopImportDialog.tsx';

type Open = { drop: DroppedFiles | null; notice: string | null } | null;

export function DesktopImportButton() {
  const [open, setOpen] = useState<Open>(null);
  const onDrop = useCallback((registration: DropRegistration) => {
    setOpen(registration.ok ? { drop: { dropId: registration.dropId, fileNames: registration.fileNames }, notice: null } : { drop: null, notice: registration.message });
  }, []);
  useFileDrop(window.trailkeeper, onDrop);
  return (
    <>
      <button type="button" className="control" data-testid="import-open" title="Import audit log files (or drop them on the window)" onClick={() => setOpen({ drop: null, notice: null })}>
        Import…
      </button>
      {open && <DesktopImportDialog key={open.drop?.dropId ?? 'dialog'} drop={open.drop} notice={open.notice} onClose={() => setOpen(null)} />}
    </>
  );
}
