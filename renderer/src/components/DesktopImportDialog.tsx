/**
 * Import in the desktop app (issue 8): choose or create the tenant and optionally the source
 * kind, then either pick files in the OS Open dialog (shown by the main process) or import the
 * files just dropped on the window (by the drop's id: the page never handles a path). Cancel
 * stops the import; the summary lists each file's added, duplicate and rejected records, with
 * the rejected records' line numbers, and each file that could not be read.
 */
import type { DesktopImportResult } from '../../../common/contract.ts';
import { api } from '../api/client.ts';
import { useImportRun, type ImportPhase } from '../hooks/useImportRun.ts';
import { ImportActions, ImportStopped } from './ImportRunControls.tsx';
import { ImportSummaryList } from './ImportSummaryList.tsx';
import { importInto, ImportTargetFields, useImportTarget } from './ImportTargetFields.tsx';

type Phase = ImportPhase<never, DesktopImportResult>;

/** Files dropped on the window, registered with the main process under `dropId`. */
export interface DroppedFiles {
  dropId: string;
  fileNames: string[];
}

export function DesktopImportDialog({ drop, notice = null, onClose }: { drop: DroppedFiles | null; notice?: string | null; onClose: () => void }) {
  const target = useImportTarget();
  const { phase, running, start, cancel } = useImportRun<never, DesktopImportResult>(onClose);
  // A drop is imported once: after its import the dialog offers the Open dialog instead.
  const pendingDrop = drop !== null && phase.kind === 'choosing' ? drop : null;
  const canStart = !running && (!target.creatingTenant || target.newName.trim() !== '');

  function importFiles(): void {
    void start(async (signal) => {
      const into = await importInto(target, target.newName.trim());
      const result = pendingDrop ? await api['imports.dropped']({ ...into, dropId: pendingDrop.dropId }, { signal }) : await api['imports.openDialog'](into, { signal });
      return result.summaries.length === 0 && result.failed.length === 0 ? null : result;
    });
  }

  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-labelledby="desktop-import-title" data-testid="desktop-import-dialog">
        <h2 id="desktop-import-title">Import files</h2>
        {notice && phase.kind === 'choosing' && (
          <p className="error-text" role="alert" data-testid="drop-notice">
            {notice}
          </p>
        )}
        {pendingDrop && (
          <p data-testid="dropped-files">
            Dropped: {pendingDrop.fileNames.join(', ')}
          </p>
        )}
        <ImportTargetFields target={target} disabled={running} newTenantPlaceholder="e.g. Incident 42" />
        <DesktopImportStatus phase={phase} />
        <ImportActions
          running={running}
          canStart={canStart}
          startLabel={pendingDrop ? `Import ${pendingDrop.fileNames.length === 1 ? 'the dropped file' : `${pendingDrop.fileNames.length} dropped files`}` : 'Choose files…'}
          onStart={importFiles}
          onCancel={cancel}
          onClose={onClose}
        />
      </div>
    </div>
  );
}

function DesktopImportStatus({ phase }: { phase: Phase }) {
  switch (phase.kind) {
    case 'choosing':
      return null;
    case 'running':
      return (
        <p className="import-status" role="status">
          Importing…
        </p>
      );
    case 'done':
      return (
        <div className="import-status" role="status" data-testid="import-summary">
          <ImportSummaryList summaries={phase.result.summaries} />
          {phase.result.failed.map((f) => (
            <p key={f.fileName} className="error-text">
              {f.fileName}: {f.message}
            </p>
          ))}
        </div>
      );
    case 'failed':
    case 'cancelled':
      return <ImportStopped phase={phase} what="the files" />;
  }
}
