/**
 * The parts of an import's run both Import dialogs show the same way: the buttons (Cancel while
 * it runs, else Close and the dialog's start button) and the line for a failed or cancelled run.
 */
import type { ImportPhase } from '../hooks/useImportRun.ts';

export function ImportActions({ running, canStart, startLabel, onStart, onCancel, onClose }: {
  running: boolean;
  canStart: boolean;
  startLabel: string;
  onStart: () => void;
  onCancel: () => void;
  onClose: () => void;
}) {
  return (
    <div className="modal-actions">
      {running ? (
        <button type="button" className="control" data-testid="import-cancel" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <>
          <button type="button" className="control" onClick={onClose}>
            Close
          </button>
          <button type="button" className="control primary" data-testid="import-start" disabled={!canStart} onClick={onStart}>
            {startLabel}
          </button>
        </>
      )}
    </div>
  );
}

/** A failed run's sentence, or what a cancel kept; `what` is what importing again means ("the file"). */
export function ImportStopped({ phase, what }: { phase: Extract<ImportPhase<unknown, unknown>, { kind: 'failed' | 'cancelled' }>; what: string }) {
  return phase.kind === 'failed' ? (
    <p className="import-status error-text" role="alert">
      {phase.message}
    </p>
  ) : (
    <p className="import-status" role="status">
      Cancelled. Batches written before the cancel stay in the workspace; importing {what} again adds only what is missing.
    </p>
  );
}
