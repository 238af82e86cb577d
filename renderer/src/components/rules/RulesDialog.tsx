/**
 * Run the built-in rule pack (SigmaHQ and Trailkeeper rules) over the view on screen. The run
 * happens in a reader thread, showing rule i of n as it goes; Cancel stops it and keeps nothing.
 * Findings list rule, level, author, tenant, time and events; an event id opens the event in the
 * inspector; the findings, or their events, export with a manifest. The Rules tab lists every
 * rule, and why the unsupported ones cannot run.
 */
import { useEffect, useRef, useState } from 'react';
import type { Finding, RuleSummary } from '../../../../common/contract.ts';
import { api, ApiClientError } from '../../api/client.ts';
import { FindingsExport } from './FindingsExport.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { RuleRunProgress, useRuleProgress } from './RuleRunProgress.tsx';
import { currentView } from './currentView.ts';
import { useEscapeToClose } from '../../hooks/useEscapeToClose.ts';

const CANCELLED = 'Cancelled: no findings were kept from this run; the previous findings stay.';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; started: number }
  | { kind: 'done'; runId: number; findings: Finding[]; problems: number; tookMs: number }
  | { kind: 'failed'; message: string };

export function RulesDialog({ onClose }: { onClose: () => void }) {
  const [tab, setTab] = useState<'findings' | 'rules'>('findings');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [rules, setRules] = useState<RuleSummary[] | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const running = phase.kind === 'running';
  const progress = useRuleProgress(running);

  useEffect(() => {
    void api['findings.list']({}).then(({ runId, findings }) => {
      setPhase((p) => (p.kind === 'idle' && runId !== null && findings.length ? { kind: 'done', runId, findings, problems: 0, tookMs: 0 } : p));
    }).catch(() => {});
    void api['rules.list']({}).then(({ rules: r }) => setRules(r)).catch(() => setRules([]));
  }, []);

  useEscapeToClose(onClose, !running);

  useEffect(() => {
    if (phase.kind !== 'running') return;
    const timer = setInterval(() => setElapsed(Date.now() - phase.started), 200);
    return () => clearInterval(timer);
  }, [phase]);

  async function run(): Promise<void> {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', started: Date.now() });
    try {
      const out = await api['rules.run']({ view: currentView() }, { signal: controller.signal });
      if (out.cancelled || out.runId === null) setPhase({ kind: 'failed', message: CANCELLED });
      else setPhase({ kind: 'done', runId: out.runId, findings: out.findings, problems: out.problems.length, tookMs: out.tookMs });
    } catch (error) {
      const e = ApiClientError.from(error);
      setPhase({ kind: 'failed', message: e.code === 'cancelled' ? CANCELLED : e.message });
    } finally {
      abort.current = null;
    }
  }

  // Stops the run where it is (its answer says cancelled); if the host cannot be asked, the call is aborted.
  async function cancel(): Promise<void> {
    try {
      await api['rules.cancel']({});
    } catch {
      abort.current?.abort();
    }
  }

  const [importNote, setImportNote] = useState<{ ok: boolean; text: string } | null>(null);
  async function importRule(file: File): Promise<void> {
    try {
      const out = await api['rules.import']({ fileName: file.name, text: await file.text() });
      setImportNote({ ok: true, text: `Imported ${out.rules.length} rule${out.rules.length === 1 ? '' : 's'} from ${file.name}.` });
      setRules((await api['rules.list']({})).rules);
    } catch (error) {
      setImportNote({ ok: false, text: ApiClientError.from(error).message });
    }
  }

  const usable = rules?.filter((r) => r.kind !== 'unsupported' && r.kind !== 'invalid').length ?? 0;
  return (
    <div className="modal-backdrop">
      <div className="modal rules-dialog" role="dialog" aria-modal="true" aria-labelledby="rules-title" data-testid="rules-dialog">
        <h2 id="rules-title">Detection rules</h2>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'findings'} className="control" onClick={() => setTab('findings')}>Findings</button>
          <button type="button" role="tab" aria-selected={tab === 'rules'} className="control" onClick={() => setTab('rules')} data-testid="rules-tab">
            Rules{rules ? ` (${usable} ready, ${rules.length - usable} unsupported)` : ''}
          </button>
        </div>
        {tab === 'findings' ? (
          <>
            <p className="muted">The built-in pack over the view on screen (scope, range and query).</p>
            {phase.kind === 'running' && <RuleRunProgress progress={progress} elapsedMs={elapsed} />}
            {phase.kind === 'failed' && <p className="error-text" role="alert">{phase.message}</p>}
            {phase.kind === 'done' && (
              <>
                <p role="status" data-testid="rules-done">
                  {phase.findings.length} findings{phase.tookMs ? ` in ${(phase.tookMs / 1000).toFixed(1)} s` : ' (last run)'}.
                </p>
                {phase.findings.length > 0 && <FindingsExport runId={phase.runId} />}
                <FindingsTable findings={phase.findings} onOpen={onClose} />
              </>
            )}
          </>
        ) : (
          <>
            <p>
              <label className="control" title="Add a Sigma rule file (YAML) to your rules">
                Import Sigma file…
                <input type="file" accept=".yml,.yaml" hidden data-testid="rules-import" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importRule(f); e.target.value = ''; }} />
              </label>{' '}
              {importNote && <span className={importNote.ok ? 'muted' : 'error-text'} role="status">{importNote.text}</span>}
            </p>
            <RuleList rules={rules} />
          </>
        )}
        <div className="modal-actions">
          {running ? (
            <button type="button" className="control" data-testid="rules-cancel" onClick={() => void cancel()}>
              Cancel
            </button>
          ) : (
            <>
              <button type="button" className="control" onClick={onClose}>Close</button>
              <button type="button" className="control primary" data-testid="rules-run" onClick={() => void run()}>Run pack</button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function RuleList({ rules }: { rules: RuleSummary[] | null }) {
  if (rules === null) return <p className="muted">Loading…</p>;
  return (
    <div className="rules-list">
      <table className="grid">
        <thead>
          <tr><th>Rule</th><th>Kind</th><th>Level</th><th>Author</th></tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={`${r.file}/${r.id}`} title={r.file}>
              <td>{r.title || r.file}{r.reason && <div className="muted small">{r.reason}</div>}</td>
              <td>{r.kind}</td>
              <td>{r.level}</td>
              <td>{r.author}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
