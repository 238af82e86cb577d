/**
 * The workspace's export history: each export with its status, rows, size and sha256, and for a
 * finished one Download (browser mode), Reveal in folder (desktop) and Verify, which recomputes
 * the manifest, the file and every exported event against the workspace and says match or the
 * first mismatch. Run again starts a new export with the recorded view, format and options.
 */
import { useEffect, useState } from 'react';
import type { ExportRecord, ExportVerifyResult } from '../../../../common/contract.ts';
import { api, ApiClientError, transportKind } from '../../api/client.ts';
import { formatCount } from '../../format/count.ts';
import { downloadExport } from './download.ts';
import { formatBytes } from './format.ts';

type Verdict = { kind: 'checking' } | { kind: 'done'; result: ExportVerifyResult } | { kind: 'failed'; message: string };

const message = (error: unknown) => (error instanceof ApiClientError || error instanceof Error ? error.message : String(error));

export function ExportHistory({ refreshKey, busy, onStarted }: { refreshKey: number; busy: boolean; onStarted: (record: ExportRecord) => void }) {
  const [records, setRecords] = useState<ExportRecord[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [verdicts, setVerdicts] = useState<Record<number, Verdict>>({});

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const { exports } = await api['exports.list']({ limit: 50 });
        if (!live) return;
        setRecords(exports);
        setProblem(null);
        // Poll while one is running, so its rows and bytes move.
        if (exports.some((e) => e.status === 'running')) timer = setTimeout(() => void load(), 500);
      } catch (error) {
        if (live) setProblem(message(error));
      }
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [refreshKey]);

  async function verify(id: number): Promise<void> {
    setVerdicts((v) => ({ ...v, [id]: { kind: 'checking' } }));
    try {
      const result = await api['exports.verify']({ id, checkWorkspace: true });
      setVerdicts((v) => ({ ...v, [id]: { kind: 'done', result } }));
    } catch (error) {
      setVerdicts((v) => ({ ...v, [id]: { kind: 'failed', message: message(error) } }));
    }
  }

  async function runAgain(id: number): Promise<void> {
    try {
      onStarted(await api['exports.rerun']({ id }));
      setProblem(null);
    } catch (error) {
      setVerdicts((v) => ({ ...v, [id]: { kind: 'failed', message: message(error) } }));
    }
  }

  /** A refused download (the file moved, say) is said on its row; the history stays. */
  async function download(r: ExportRecord): Promise<void> {
    try {
      await downloadExport(r.id, r.name);
    } catch (error) {
      setVerdicts((v) => ({ ...v, [r.id]: { kind: 'failed', message: message(error) } }));
    }
  }

  async function reveal(id: number): Promise<void> {
    try {
      await api['exports.reveal']({ id });
    } catch (error) {
      setVerdicts((v) => ({ ...v, [id]: { kind: 'failed', message: message(error) } }));
    }
  }

  if (problem) return <p className="error-text" role="alert">The export history could not be read: {problem}</p>;
  if (!records) return <p className="muted">Loading the export history…</p>;
  if (records.length === 0) return <p className="muted" data-testid="export-history-empty">No exports yet.</p>;
  return (
    <table className="export-history" data-testid="export-history">
      <thead>
        <tr>
          <th>File</th>
          <th>Status</th>
          <th>Rows</th>
          <th>Size</th>
          <th>sha256</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {records.map((r) => {
          const verdict = verdicts[r.id];
          return (
            <tr key={r.id} data-testid="export-history-row" data-export-id={r.id}>
              <td title={r.path}>{r.name}</td>
              <td data-testid="export-status" title={r.error ?? undefined}>
                {r.status}
                {r.error && <span className="error-text"> — {r.error}</span>}
              </td>
              <td data-testid="export-rows">{formatCount(r.rows)}</td>
              <td>{formatBytes(r.bytes)}</td>
              <td>
                {r.sha256 && (
                  <code data-testid="export-sha256" title={r.sha256}>
                    {r.sha256}
                  </code>
                )}
              </td>
              <td className="export-actions">
                {r.status === 'ok' && transportKind === 'http' && r.format !== 'ocsf-parquet' && (
                  <button type="button" className="control" data-testid="export-download" onClick={() => void download(r)}>
                    Download
                  </button>
                )}
                {r.status === 'ok' && transportKind !== 'http' && (
                  <button type="button" className="control" data-testid="export-reveal" onClick={() => void reveal(r.id)}>
                    Reveal in folder
                  </button>
                )}
                {r.status === 'ok' && (
                  <button type="button" className="control" data-testid="export-verify" onClick={() => void verify(r.id)}>
                    Verify
                  </button>
                )}
                {r.status !== 'running' && (
                  <button type="button" className="control" data-testid="export-rerun" disabled={busy} title="A new export with the same view, format and options" onClick={() => void runAgain(r.id)}>
                    Run again
                  </button>
                )}
                {verdict && <VerdictText verdict={verdict} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function VerdictText({ verdict }: { verdict: Verdict }) {
  if (verdict.kind === 'checking') return <span className="muted">checking…</span>;
  if (verdict.kind === 'failed') return <span className="error-text">{verdict.message}</span>;
  const { result } = verdict;
  if (result.ok) {
    return (
      <span data-testid="export-verdict" className="verdict-ok">
        matches ({formatCount(result.filesChecked)} file, {formatCount(result.eventsChecked)} events checked)
      </span>
    );
  }
  const m = result.firstMismatch!;
  return (
    <span data-testid="export-verdict" className="error-text">
      mismatch: {m.kind} {m.where} {m.detail}
    </span>
  );
}
