/**
 * Export the view on screen (scope, range, query, order) in full: choose the format, watch rows
 * and bytes as the export runs in a reader thread, Cancel leaves no file under its name. The
 * history below lists every export with its sha256, Download, Verify, Reveal in folder (desktop)
 * and Run again. In the desktop app the main process asks where to save; closing that dialog
 * starts nothing, and the dialog says so. A CSV takes the table's shown columns, in order, and
 * says which columns it will have before it starts.
 */
import { useEffect, useState } from 'react';
import { EXPORT_FORMATS, type ExportRecord } from '../../../../common/contract.ts';
import { csvColumns } from '../../../../common/csv-columns.ts';
import { api, ApiClientError } from '../../api/client.ts';
import { formatCount } from '../../format/count.ts';
import { resolveRange } from '../../format/rangePresets.ts';
import { useAppStore } from '../../state/store.ts';
import { ExportHistory } from './ExportHistory.tsx';
import { FORMAT_LABELS, formatBytes } from './format.ts';
import { fieldsForColumns } from './tableFields.ts';
import { useEscapeToClose } from '../../hooks/useEscapeToClose.ts';

type Format = (typeof EXPORT_FORMATS)[number];
type Phase =
  | { kind: 'choosing' }
  | { kind: 'running'; record: ExportRecord }
  | { kind: 'ended'; record: ExportRecord }
  | { kind: 'failed'; message: string }
  | { kind: 'not-started'; message: string };

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const count = useAppStore((s) => s.count);
  const [format, setFormat] = useState<Format>('csv');
  const [fields, setFields] = useState(false);
  const [raw, setRaw] = useState(false);
  // Rows marked in the table (Ctrl/Shift-click): the export may take only those.
  const marked = useAppStore((s) => s.marked);
  const [onlyMarked, setOnlyMarked] = useState(false);
  const visibleColumns = useAppStore((s) => s.columnLayout.visible);
  const tableFields = fieldsForColumns(visibleColumns);
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });
  const [historyKey, setHistoryKey] = useState(0);
  const running = phase.kind === 'running';

  useEscapeToClose(onClose, !running);

  // While running: poll the record for rows and bytes until it ends.
  const runningId = phase.kind === 'running' ? phase.record.id : null;
  useEffect(() => {
    if (runningId === null) return;
    let live = true;
    const timer = setInterval(() => {
      void api['exports.list']({ limit: 1, id: runningId }).then(({ exports }) => {
        const record = exports[0];
        if (!live || !record) return;
        if (record.status === 'running') setPhase({ kind: 'running', record });
        else {
          setPhase({ kind: 'ended', record });
          setHistoryKey((k) => k + 1);
        }
      });
    }, 300);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [runningId]);

  async function start(): Promise<void> {
    const state = useAppStore.getState();
    const view = state.activeView ?? { scope: state.scope, range: resolveRange(state.rangePreset, Date.now()), query: state.queryText };
    try {
      const options = format === 'csv' ? { columns: tableFields, raw } : { fields: fields && (format === 'ndjson' || format === 'json') };
      const only = onlyMarked && marked.size > 0 ? { eventIds: [...marked] } : {};
      started(await api['exports.start']({ view, order: state.order, format, ...options, ...only }));
    } catch (error) {
      // A closed Save dialog (desktop) is the user's choice, not a failure.
      if (error instanceof ApiClientError && error.code === 'cancelled') setPhase({ kind: 'not-started', message: error.message });
      else setPhase({ kind: 'failed', message: error instanceof ApiClientError || error instanceof Error ? error.message : String(error) });
    }
  }

  function started(record: ExportRecord): void {
    setPhase({ kind: 'running', record });
    setHistoryKey((k) => k + 1);
  }

  return (
    <div className="modal-backdrop">
      <div className="modal export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog">
        <h2 id="export-title">Export the current view</h2>
        <p className="muted">
          Every event of the view on screen{count !== null ? ` (${formatCount(count)})` : ''}, no cap, with a manifest beside the file.
        </p>
        <label className="field">
          <span>Format</span>
          <select className="control" data-testid="export-format" disabled={running} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f] ?? f}
              </option>
            ))}
          </select>
        </label>
        {marked.size > 0 && (
          <label className="field checkbox">
            <input type="checkbox" data-testid="export-only-marked" checked={onlyMarked} disabled={running} onChange={(e) => setOnlyMarked(e.target.checked)} />
            <span>Only the {formatCount(marked.size)} marked {marked.size === 1 ? 'row' : 'rows'}</span>
          </label>
        )}
        {(format === 'ndjson' || format === 'json') && (
          <label className="field checkbox">
            <input type="checkbox" checked={fields} disabled={running} onChange={(e) => setFields(e.target.checked)} />
            <span>Include the normalised fields beside the raw events</span>
          </label>
        )}
        {format === 'csv' && (
          <>
            <label className="field checkbox">
              <input type="checkbox" data-testid="export-raw" checked={raw} disabled={running} onChange={(e) => setRaw(e.target.checked)} />
              <span>Include raw JSON</span>
            </label>
            <p className="muted">
              The raw JSON is a large last column, and a spreadsheet cell holds at most 32,767 characters: NDJSON carries each event&apos;s raw text exactly.
            </p>
            <p className="muted" data-testid="export-csv-columns">
              Columns, as the table shows them: <code>{csvColumns({ columns: tableFields, raw }).join(', ')}</code>
            </p>
          </>
        )}
        <ExportStatus phase={phase} total={count} />
        <div className="modal-actions">
          {running ? (
            <button type="button" className="control" data-testid="export-cancel" onClick={() => void api['exports.cancel']({ id: phase.record.id })}>
              Cancel
            </button>
          ) : (
            <>
              <button type="button" className="control" onClick={onClose}>
                Close
              </button>
              <button type="button" className="control primary" data-testid="export-start" onClick={() => void start()}>
                Export
              </button>
            </>
          )}
        </div>
        <h3>History</h3>
        <ExportHistory refreshKey={historyKey} busy={running} onStarted={started} />
      </div>
    </div>
  );
}

function ExportStatus({ phase, total }: { phase: Phase; total: number | null }) {
  if (phase.kind === 'choosing') return null;
  if (phase.kind === 'failed') return <p className="error-text" role="alert">{phase.message}</p>;
  if (phase.kind === 'not-started') {
    return (
      <p role="status" className="muted" data-testid="export-not-started">
        {phase.message}
      </p>
    );
  }
  const r = phase.record;
  if (phase.kind === 'running') {
    return (
      <div role="status" data-testid="export-progress">
        {total !== null && total > 0 && <progress max={total} value={Math.min(r.rows, total)} />}
        <span>
          {formatCount(r.rows)} rows, {formatBytes(r.bytes)} written to {r.name}…
        </span>
      </div>
    );
  }
  if (r.status === 'ok') {
    return (
      <p role="status" data-testid="export-done">
        Exported {formatCount(r.rows)} rows ({formatBytes(r.bytes)}) to {r.name}.
      </p>
    );
  }
  return (
    <p role="status" className={r.status === 'failed' ? 'error-text' : undefined} data-testid="export-done">
      {r.status === 'cancelled' ? 'Cancelled: no file was left under its name.' : `The export failed: ${r.error ?? 'no reason recorded'}`}
    </p>
  );
}
