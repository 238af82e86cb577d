/**
 * Import a file (browser mode, issue 8): choose the file, an existing tenant or a new one (made
 * under "Imported files"), optionally force the source kind; watch bytes and events as the host
 * imports; Cancel closes the upload. The summary says what was added, what was already there, and
 * which records were rejected, with their line numbers.
 */
import { useEffect, useRef, useState } from 'react';
import type { ImportProgress, ImportSummary } from '../../../common/contract.ts';
import { ApiClientError } from '../api/client.ts';
import { sessionToken } from '../api/sessionToken.ts';
import { uploadFile } from '../api/uploadFile.ts';
import { formatCount } from '../format/count.ts';
import { useAppStore } from '../state/store.ts';
import { ImportSummaryList } from './ImportSummaryList.tsx';
import { importInto, ImportTargetFields, useImportTarget } from './ImportTargetFields.tsx';

type Phase =
  | { kind: 'choosing' }
  | { kind: 'running'; progress: ImportProgress | null }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

function baseName(fileName: string): string {
  return fileName.replace(/(\.gz)?$/i, '').replace(/\.[^.]+$/, '') || fileName;
}

function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} bytes`;
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const target = useImportTarget();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });
  const abortRef = useRef<AbortController | null>(null);
  const running = phase.kind === 'running';

  // Leaving the dialog mid-import cancels it, like the Cancel button.
  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !running) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, onClose]);

  const tenantName = target.newName.trim() || (file ? baseName(file.name) : '');
  const canStart = file !== null && !running && (!target.creatingTenant || tenantName !== '');

  async function start(): Promise<void> {
    if (!file) return;
    const abort = new AbortController();
    abortRef.current = abort;
    setPhase({ kind: 'running', progress: null });
    try {
      const summary = await uploadFile(
        { file, fileName: file.name, ...(await importInto(target, tenantName)) },
        { token: sessionToken(), signal: abort.signal, onProgress: (progress) => setPhase({ kind: 'running', progress }) },
      );
      setPhase({ kind: 'done', summary });
    } catch (error) {
      const apiError = ApiClientError.from(error);
      setPhase(apiError.code === 'cancelled' || abort.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: apiError.message });
    } finally {
      abortRef.current = null;
      // Whatever was written (all of it, or the batches before a cancel) shows in the list and table.
      const { loadTenants, refresh } = useAppStore.getState();
      void loadTenants().then(() => refresh());
    }
  }

  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        <h2 id="import-title">Import a file</h2>
        <label className="field">
          <span>File</span>
          <input
            type="file"
            data-testid="import-file"
            disabled={running}
            accept=".json,.jsonl,.ndjson,.csv,.tsv,.log,.txt,.gz"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {file && <span className="muted">{formatBytes(file.size)}</span>}
        </label>
        <ImportTargetFields target={target} disabled={running} newTenantPlaceholder={file ? baseName(file.name) : 'e.g. Incident 42'} />
        <ImportStatus phase={phase} fileSize={file?.size ?? 0} />
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
                Import
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function ImportStatus({ phase, fileSize }: { phase: Phase; fileSize: number }) {
  switch (phase.kind) {
    case 'choosing':
      return null;
    case 'running': {
      const p = phase.progress;
      if (!p) return <p className="import-status" role="status">Sending {formatBytes(fileSize)} to Trailkeeper…</p>;
      const pct = p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 0;
      return (
        <div className="import-status" role="status">
          <progress max={100} value={pct} />
          <span>
            {pct}% of {formatBytes(p.totalBytes)} read · {formatCount(p.inserted)} added · {formatCount(p.duplicates)} already there · {formatCount(p.problems)} rejected
          </span>
        </div>
      );
    }
    case 'done':
      return (
        <div className="import-status" role="status" data-testid="import-summary">
          <ImportSummaryList summaries={[phase.summary]} />
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
          Cancelled. Batches written before the cancel stay in the workspace; importing the file again adds only what is missing.
        </p>
      );
  }
}
