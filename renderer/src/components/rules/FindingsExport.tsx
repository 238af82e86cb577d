/**
 * Exports a rule run's findings: the findings list as CSV or NDJSON, or the events behind them
 * in any export format. Both land in the export history with a manifest that Verify checks;
 * this shows the one just started until it ends, with Download (browser) or Reveal (desktop).
 */
import { useEffect, useState } from 'react';
import { EXPORT_FORMATS, FINDINGS_EXPORT_FORMATS, type ExportRecord } from '../../../../common/contract.ts';
import { api, ApiClientError, transportKind } from '../../api/client.ts';
import { formatCount } from '../../format/count.ts';
import { downloadExport } from '../export/download.ts';
import './FindingsExport.css';

type FindingsFormat = (typeof FINDINGS_EXPORT_FORMATS)[number];
type EventFormat = (typeof EXPORT_FORMATS)[number];

/** The findings restrict the events; the view around them is everything. */
const EVERYTHING = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };

/** Polls the export history for record `id` until it is no longer running. */
function useExportRecord(started: ExportRecord | null): ExportRecord | null {
  const [record, setRecord] = useState<ExportRecord | null>(started);
  useEffect(() => {
    setRecord(started);
    if (!started) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const [r] = (await api['exports.list']({ limit: 1, id: started.id })).exports;
      if (!live || !r) return;
      setRecord(r);
      if (r.status === 'running') timer = setTimeout(() => void poll(), 300);
    };
    timer = setTimeout(() => void poll().catch(() => {}), 100);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [started]);
  return record;
}

export function FindingsExport({ runId }: { runId: number }) {
  const [findingsFormat, setFindingsFormat] = useState<FindingsFormat>('csv');
  const [eventFormat, setEventFormat] = useState<EventFormat>('ndjson');
  const [started, setStarted] = useState<ExportRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const record = useExportRecord(started);
  const busy = record?.status === 'running';

  const start = async (what: () => Promise<ExportRecord>) => {
    setProblem(null);
    try {
      setStarted(await what());
    } catch (error) {
      const e = ApiClientError.from(error);
      if (e.code !== 'cancelled') setProblem(e.message);
    }
  };
  const exportFindings = () => start(() => api['findings.export']({ runId, format: findingsFormat }));
  const exportEvents = () => start(() => api['exports.start']({ view: EVERYTHING, order: 'oldest', format: eventFormat, findingsRunId: runId }));

  return (
    <div className="findings-export" data-testid="findings-export">
      <select className="control" aria-label="Findings file format" value={findingsFormat} onChange={(e) => setFindingsFormat(e.target.value as FindingsFormat)}>
        {FINDINGS_EXPORT_FORMATS.map((f) => <option key={f} value={f}>{f.toUpperCase()}</option>)}
      </select>
      <button type="button" className="control" data-testid="findings-export-run" disabled={busy} onClick={() => void exportFindings()}>Export findings</button>
      <select className="control" aria-label="Events file format" value={eventFormat} onChange={(e) => setEventFormat(e.target.value as EventFormat)}>
        {EXPORT_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
      </select>
      <button type="button" className="control" data-testid="findings-export-events" disabled={busy} onClick={() => void exportEvents()}>Export the findings’ events</button>
      {problem && <p className="error-text" role="alert">{problem}</p>}
      {record && <ExportLine record={record} />}
    </div>
  );
}

function ExportLine({ record }: { record: ExportRecord }) {
  const [problem, setProblem] = useState<string | null>(null);
  const what = record.format.startsWith('findings-') ? 'findings' : 'events';
  return (
    <p role="status" data-testid="findings-export-status" data-status={record.status}>
      {record.status === 'running' && `Exporting ${what}… ${formatCount(record.rows)} so far`}
      {record.status === 'ok' && `Exported ${formatCount(record.rows)} ${what} to ${record.name}, with a manifest; it is in the export history, where Verify checks it.`}
      {record.status === 'failed' && <span className="error-text">The export failed: {record.error}</span>}
      {record.status === 'cancelled' && 'The export was cancelled.'}
      {record.status === 'ok' && transportKind === 'http' && record.format !== 'ocsf-parquet' && (
        <>
          {' '}
          <button type="button" className="link" data-testid="findings-export-download" onClick={() => void downloadExport(record.id, record.name).catch((e: unknown) => setProblem(String(e)))}>Download</button>
        </>
      )}
      {problem && <span className="error-text"> {problem}</span>}
    </p>
  );
}
