/**
 * Saved views: save the view on screen with a name and a description; apply one in a click;
 * rename, duplicate, pin, mark as the start view, delete (with Undo); export all to a file and
 * import a file (all of it or nothing, each error named).
 */
import { useEffect, useRef, useState } from 'react';
import type { Preset, StoredPreset } from '../../../../common/contract.ts';
import { api, ApiClientError } from '../../api/client.ts';
import { applyView, captureView } from './presetView.ts';
import { useEscapeToClose } from '../../hooks/useEscapeToClose.ts';

const message = (error: unknown): string => ApiClientError.from(error).message;

export function PresetsDialog({ onClose }: { onClose: () => void }) {
  const [presets, setPresets] = useState<StoredPreset[] | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<Preset | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const reload = async () => setPresets((await api['presets.list']({})).presets);
  useEffect(() => {
    void reload().catch((e: unknown) => setError(message(e)));
  }, []);
  useEscapeToClose(onClose);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await reload();
    } catch (e) {
      setError(message(e));
    }
  };
  const strip = (p: StoredPreset): Preset => ({ name: p.name, description: p.description, view: p.view, pinned: p.pinned, startView: p.startView });
  const update = (p: StoredPreset, change: Partial<Preset>) => act(() => api['presets.save']({ id: p.id, preset: { ...strip(p), ...change } }));

  const save = () =>
    act(async () => {
      await api['presets.save']({ preset: { name, description, view: captureView(), pinned: false, startView: false } });
      setName('');
      setDescription('');
    });
  const download = () =>
    act(async () => {
      const { text } = await api['presets.export']({});
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'trailkeeper-presets.json';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  const importFile = (file: File) => act(async () => {
    const { imported } = await api['presets.import']({ text: await file.text() });
    setError(`Imported ${imported} presets.`);
  });

  return (
    <div className="modal-backdrop">
      <div className="modal presets-dialog" role="dialog" aria-modal="true" aria-labelledby="presets-title" data-testid="presets-dialog">
        <h2 id="presets-title">Presets</h2>
        <div className="preset-save">
          <input className="control" placeholder="Name" data-testid="preset-name" value={name} onChange={(e) => setName(e.target.value)} />
          <input className="control" placeholder="Description" data-testid="preset-description" value={description} onChange={(e) => setDescription(e.target.value)} />
          <button type="button" className="control primary" data-testid="preset-save" disabled={!name.trim()} onClick={() => void save()}>
            Save current view
          </button>
        </div>
        {error && <p className={error.startsWith('Imported') ? 'muted' : 'error-text'} role="alert" data-testid="presets-error">{error}</p>}
        {undo && (
          <p role="status">
            Deleted “{undo.name}”.{' '}
            <button type="button" className="link" data-testid="preset-undo" onClick={() => void act(async () => { await api['presets.save']({ preset: undo }); setUndo(null); })}>
              Undo
            </button>
          </p>
        )}
        {presets === null ? (
          <p className="muted">Loading…</p>
        ) : presets.length === 0 ? (
          <p className="muted">No presets yet: set up a view and save it here.</p>
        ) : (
          <table className="grid">
            <tbody>
              {presets.map((p) => (
                <tr key={p.id} data-testid="preset-row">
                  <td>
                    <button type="button" className="link" data-testid="preset-apply" title={`${p.view.query || '(no query)'}`} onClick={() => { applyView(p.view); onClose(); }}>
                      {p.pinned ? '★ ' : ''}{p.name}
                    </button>
                    {p.startView && <span className="muted small"> (start view)</span>}
                    {p.description && <div className="muted small">{p.description}</div>}
                  </td>
                  <td className="preset-actions">
                    <button type="button" className="control" onClick={() => void update(p, { pinned: !p.pinned })}>{p.pinned ? 'Unpin' : 'Pin'}</button>
                    <button type="button" className="control" onClick={() => void update(p, { startView: !p.startView })}>{p.startView ? 'No start' : 'Start view'}</button>
                    <button type="button" className="control" onClick={() => void update(p, { view: captureView() })}>Update</button>
                    <button type="button" className="control" onClick={() => { const n = window.prompt('New name', p.name); if (n) void update(p, { name: n }); }}>Rename</button>
                    <button type="button" className="control" onClick={() => void act(() => api['presets.save']({ preset: { ...strip(p), name: `${p.name} (copy)`, startView: false } }))}>Duplicate</button>
                    <button type="button" className="control" data-testid="preset-delete" onClick={() => void act(async () => setUndo(await api['presets.delete']({ id: p.id })))}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="modal-actions">
          <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="presets-import-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ''; }} />
          <button type="button" className="control" onClick={() => fileInput.current?.click()}>Import…</button>
          <button type="button" className="control" onClick={() => void download()}>Export all</button>
          <button type="button" className="control" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
