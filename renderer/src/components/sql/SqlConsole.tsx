/**
 * Forensic SQL for what neither the query language nor Sigma says. Runs on a read-only reader
 * (query_only) with a time limit; Ctrl/Cmd+Enter runs, Cancel stops. Named parameters (`:since`)
 * get a field each. Results show in a virtualised grid (SqlResultGrid), where a value in an `id`
 * or `event_id` column opens that event in the inspector.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SavedQuery, SqlResult } from '../../../../common/contract.ts';
import { api, ApiClientError } from '../../api/client.ts';
import { useAppStore } from '../../state/store.ts';
import { SqlResultGrid } from './SqlResultGrid.tsx';
import type { SqlEditor } from './sqlEditor.ts';

const INITIAL = "SELECT id, ts, action, actor_email, ip\nFROM events\nWHERE action LIKE :action\nORDER BY ts DESC\nLIMIT 100";
export function paramNames(sql: string): string[] {
  const stripped = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, ' ');
  return [...new Set([...stripped.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
}

type Phase = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: SqlResult } | { kind: 'failed'; message: string };

export function SqlConsole({ onClose }: { onClose: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<SqlEditor | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [sql, setSql] = useState(INITIAL);
  const [params, setParams] = useState<Record<string, string>>({ action: 'user.session%' });
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [editorError, setEditorError] = useState<string | null>(null);
  const runRef = useRef<() => void>(() => {});
  const [saved, setSaved] = useState<SavedQuery[]>([]);
  const reloadSaved = () => void api['queries.list']({}).then(({ queries }) => setSaved(queries)).catch(() => {});
  useEffect(reloadSaved, []);

  const load = (q: SavedQuery) => {
    editor.current?.setValue(q.sql);
    setSql(q.sql);
    setParams(Object.fromEntries(q.params.map((p) => [p.name, p.default])));
  };
  const saveAs = async () => {
    const name = window.prompt('Save the query as');
    if (!name) return;
    const text = editor.current?.value() ?? sql;
    try {
      await api['queries.save']({ name, sql: text, params: paramNames(text).map((n) => ({ name: n, default: params[n] ?? '' })) });
      reloadSaved();
    } catch (error) {
      setPhase({ kind: 'failed', message: ApiClientError.from(error).message });
    }
  };

  const run = async (): Promise<void> => {
    if (abort.current) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running' });
    const text = editor.current?.value() ?? sql;
    const bound: Record<string, string | number | null> = {};
    for (const n of paramNames(text)) bound[n] = params[n] ?? '';
    try {
      const result = await api['sql.run']({ sql: text, params: bound }, { signal: controller.signal });
      setPhase({ kind: 'done', result });
    } catch (error) {
      const e = ApiClientError.from(error);
      setPhase({ kind: 'failed', message: e.code === 'cancelled' && controller.signal.aborted ? 'Cancelled.' : e.message });
    } finally {
      abort.current = null;
    }
  };
  runRef.current = () => void run();

  useEffect(() => {
    let live = true;
    void import('./sqlEditor.ts')
      .then((m) => {
        if (!live || !host.current) return;
        editor.current = m.createSqlEditor(host.current, INITIAL, () => runRef.current(), setSql);
      })
      .catch((error: unknown) => setEditorError(`The editor could not load: ${String(error)}`));
    return () => {
      live = false;
      editor.current?.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !abort.current) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const names = paramNames(sql);
  return (
    <div className="modal-backdrop">
      <div className="modal sql-console" role="dialog" aria-modal="true" aria-labelledby="sql-title" data-testid="sql-console">
        <h2 id="sql-title">SQL console</h2>
        <p className="muted">Read-only: writes, ATTACH, PRAGMA writes and extensions are refused. Ctrl/Cmd+Enter runs; 30 s limit.</p>
        {editorError && <p className="error-text">{editorError}</p>}
        <div className="sql-saved">
          <select className="control" data-testid="sql-saved" value="" onChange={(e) => { const q = saved.find((x) => String(x.id) === e.target.value); if (q) load(q); }}>
            <option value="">Saved queries ({saved.length})…</option>
            {saved.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
          </select>
          <button type="button" className="control" data-testid="sql-save" onClick={() => void saveAs()}>Save as…</button>
        </div>
        <div ref={host} className="sql-editor" data-testid="sql-editor" />
        {names.length > 0 && (
          <div className="sql-params">
            {names.map((n) => (
              <label key={n} className="field">
                <span>:{n}</span>
                <input className="control" data-testid={`sql-param-${n}`} value={params[n] ?? ''} onChange={(e) => setParams({ ...params, [n]: e.target.value })} />
              </label>
            ))}
          </div>
        )}
        <div className="modal-actions">
          {phase.kind === 'running' ? (
            <button type="button" className="control" data-testid="sql-cancel" onClick={() => abort.current?.abort()}>Cancel</button>
          ) : (
            <>
              <button type="button" className="control" onClick={onClose}>Close</button>
              <button type="button" className="control primary" data-testid="sql-run" onClick={() => void run()}>Run</button>
            </>
          )}
        </div>
        {phase.kind === 'running' && <p role="status">Running…</p>}
        {phase.kind === 'failed' && <p className="error-text" role="alert" data-testid="sql-error">{phase.message}</p>}
        {phase.kind === 'done' && <ResultGrid result={phase.result} onOpen={onClose} />}
      </div>
    </div>
  );
}

function ResultGrid({ result, onOpen }: { result: SqlResult; onOpen: () => void }) {
  const open = useCallback(
    (id: number) => {
      void useAppStore.getState().openDetail(id);
      onOpen();
    },
    [onOpen],
  );
  return (
    <>
      <p role="status" data-testid="sql-done">
        {result.rows.length} rows{result.truncated ? ' (stopped at the row limit)' : ''} in {result.tookMs} ms.
      </p>
      <SqlResultGrid result={result} onOpenEvent={open} />
    </>
  );
}
