/**
 * Import in the desktop app (issue 8): choose or create the tenant and optionally the source
 * kind, then either pick files in the OS Open dialog (shown by the main process) or import the
 * files just dropped on the window (by the drop's id: the page never handles a path). Cancel
 * stops the import; the summary lists each file's added, duplicate and rejected records, with
 * the rejected records' line numbers, and each file that could not be read.
 */
import { useEffect, useRef, useState } from 'react';
import type { DesktopImportResult } from '../../../common/contract.ts';
import { api, ApiClientError } from '../api/client.ts';
import { useAppStore } from '../state/store.ts';
import { ImportSummaryList } from './ImportSummaryList.tsx';
import { importInto, ImportTargetFields, useImportTarget } from './ImportTargetFields.tsx';

type Phase = { kind: 'choosing' } | { kind: 'running' } | { kind: 'done'; result: DesktopImportResult } | { kind: 'failed'; message: string } | { kind: 'cancelled' };

/** Files dropped on the window, registered with the main process under `dropId`. */
export interface DroppedFiles {
  dropId: string;
  fileNames: string[];
}

export function DesktopImportDialog({ drop, notice = null, onClose }: { drop: DroppedFiles | null; notice?: string | null; onClose: () => void }) {
  const target = useImportTarget();
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });
  const abortRef = useRef<AbortController | null>(null);
  const running = phase.kind === 'running';
  // A drop is imported once: after its import the dialog offers the Open dialog instead.
  const pendingDrop = drop !== null && phase.kind === 'choosing' ? drop : null;
  const canStart = !running && (!target.creatingTenant || target.newName.trim() !== '');

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !running) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, onClose]);

  async function start(): Promise<void> {
    const abort = new AbortController();
    abortRef.current = abort;
    setPhase({ kind: 'running' });
    try {
      const into = await importInto(target, target.newName.trim());
      const result = pendingDrop
        ? await api['imports.dropped']({ ...into, dropId: pendingDrop.dropId }, { signal: abort.signal })
        : await api['imports.openDialog'](into, { signal: abort.signal });
      setPhase(result.summaries.length === 0 && result.failed.length === 0 ? { kind: 'choosing' } : { kind: 'done', result });
    } catch (error) {
      const apiError = ApiClientError.from(error);
      setPhase(apiError.code === 'cancelled' || abort.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: apiError.message });
    } finally {
      abortRef.current = null;
      const { loadTenants, refresh } = useAppStore.getState();
      void loadTenants().then(() => refresh());
    }
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
        <div className="modal-actions">
          {running ? (
            <button type="button" className="control" data-testid="import-cancel" onClick={() => abortRef.current?.abort()}>
              Cancel
            </button>
          ) : (
            <>
              <button type="button" className="control" onClick={onClose}>
                Close
              </button>
              <button type="button" className="control primary" data-testid="import-start" disabled={!canStart} onClick={() => void start()}>
                {pendingDrop ? `Import ${pendingDrop.fileNames.length === 1 ? 'the dropped file' : `${pendingDrop.fileNames.length} dropped files`}` : 'Choose files…'}
              </button>
            </>
          )}
        </div>
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
      return (
        <p className="import-status error-text" role="alert">
          {phase.message}
        </p>
      );
    case 'cancelled':
      return (
        <p className="import-status" role="status">
          Cancelled. Batches written before the cancel stay in the workspace; importing the files again adds only what is missing.
        </p>
      );
  }
}
