/**
 * Import a file (browser mode, issue 8): choose the file, an existing tenant or a new one (made
 * under "Imported files"), optionally force the source kind; watch bytes and events as the host
 * imports; Cancel closes the upload. The summary says what was added, what was already there, and
 * which records were rejected, with their line numbers.
 */
import { useState } from 'react';
import type { ImportProgress, ImportSummary } from '../../../common/contract.ts';
import { sessionToken } from '../api/sessionToken.ts';
import { uploadFile } from '../api/uploadFile.ts';
import { formatCount } from '../format/count.ts';
import { useImportRun, type ImportPhase } from '../hooks/useImportRun.ts';
import { ImportActions, ImportStopped } from './ImportRunControls.tsx';
import { ImportSummaryList } from './ImportSummaryList.tsx';
import { importInto, ImportTargetFields, useImportTarget } from './ImportTargetFields.tsx';

type Phase = ImportPhase<ImportProgress, ImportSummary>;

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
  const { phase, running, start, cancel } = useImportRun<ImportProgress, ImportSummary>(onClose);

  const tenantName = target.newName.trim() || (file ? baseName(file.name) : '');
  const canStart = file !== null && !running && (!target.creatingTenant || tenantName !== '');

  function upload(): void {
    if (!file) return;
    void start(async (signal, onProgress) =>
      uploadFile({ file, fileName: file.name, ...(await importInto(target, tenantName)) }, { token: sessionToken(), signal, onProgress }),
    );
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
        <ImportActions running={running} canStart={canStart} startLabel="Import" onStart={upload} onCancel={cancel} onClose={onClose} />
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
          <ImportSummaryList summaries={[phase.result]} />
        </div>
      );
    case 'failed':
    case 'cancelled':
      return <ImportStopped phase={phase} what="the file" />;
  }
}
