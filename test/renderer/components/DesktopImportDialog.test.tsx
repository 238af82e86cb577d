/**
 * Desktop import in the renderer: files dropped on the window go to the bridge's registerDrop
 * (the page handles no path) and open the dialog for that drop; the dialog imports the drop by
 * its id, or runs the main process's Open dialog, and shows each file's summary with rejected
 * line numbers and each unreadable file's sentence. A closed Open dialog changes nothing.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopImportResult, DropRegistration, TrailkeeperBridge } from '../../../common/contract.ts';
import { fakeTenant } from '../../support/fake-api.ts';
import { byTestId, render, type Rendered } from './render.ts';

const script = vi.hoisted(() => ({ calls: [] as { name: string; input: unknown }[], answer: null as unknown }));
vi.mock('../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../renderer/src/api/ApiClientError.ts');
  const answer = (name: string) => async (input: unknown) => {
    script.calls.push({ name, input });
    return script.answer;
  };
  return { api: { 'imports.openDialog': answer('imports.openDialog'), 'imports.dropped': answer('imports.dropped') }, ApiClientError, transportKind: 'ipc' };
});
const loadTenants = vi.fn(async () => {});
const refresh = vi.fn(async () => {});
const state = { tenants: [fakeTenant({ id: 4, name: 'Incident 9' })], loadTenants, refresh };
vi.mock('../../../renderer/src/state/store.ts', () => ({
  useAppStore: Object.assign((select: (s: typeof state) => unknown) => select(state), { getState: () => state }),
}));

const { DesktopImportDialog } = await import('../../../renderer/src/components/DesktopImportDialog.tsx');
const { useFileDrop } = await import('../../../renderer/src/hooks/useFileDrop.ts');

const RESULT: DesktopImportResult = {
  summaries: [{ tenantId: 4, fileName: 'trail.jsonl', bytes: 10_000, added: 12, duplicates: 3, rejected: 1, rejectedSamples: [{ line: 7, message: 'Line 7 is not valid JSON.' }], tookMs: 5 }],
  failed: [{ fileName: 'gone.json', message: 'It could not be read (ENOENT): check that it exists and that you may read it.' }],
};

let view: Rendered | null = null;
beforeEach(() => {
  script.calls = [];
  script.answer = RESULT;
});
afterEach(async () => {
  await view?.unmount();
  view = null;
});
const el = (id: string) => byTestId(view!.container, id);
const click = (id: string) => act(async () => void (el(id) as HTMLButtonElement).click());

describe('DesktopImportDialog', () => {
  it('imports a drop by its id into the chosen tenant and shows each file’s outcome', async () => {
    view = await render(<DesktopImportDialog drop={{ dropId: 'd1', fileNames: ['trail.jsonl', 'gone.json'] }} onClose={() => {}} />);
    expect(el('dropped-files')?.textContent).toBe('Dropped: trail.jsonl, gone.json');
    expect(el('import-start')?.textContent).toBe('Import 2 dropped files');
    await click('import-start');
    expect(script.calls).toEqual([{ name: 'imports.dropped', input: { tenantId: 4, dropId: 'd1' } }]);
    const summary = el('import-summary')?.textContent ?? '';
    expect(summary).toContain('trail.jsonl: 12 added, 3 already there, 1 rejected.');
    expect(summary).toContain('Line 7 is not valid JSON.');
    expect(summary).not.toContain('line 7: Line 7');
    expect(summary).toContain('gone.json: It could not be read (ENOENT)');
    // The drop is used: the next import runs the Open dialog.
    expect(el('import-start')?.textContent).toBe('Choose files…');
    expect(loadTenants).toHaveBeenCalled();
  });

  it('runs the Open dialog when nothing was dropped; closing it changes nothing', async () => {
    script.answer = { summaries: [], failed: [] };
    view = await render(<DesktopImportDialog drop={null} onClose={() => {}} />);
    await click('import-start');
    expect(script.calls).toEqual([{ name: 'imports.openDialog', input: { tenantId: 4 } }]);
    expect(el('import-summary')).toBeNull();
    expect(el('import-start')?.textContent).toBe('Choose files…');
  });

  it('shows why a drop was refused', async () => {
    view = await render(<DesktopImportDialog drop={null} notice="Only files from your disk can be dropped here (not folders, text or items from another app)." onClose={() => {}} />);
    expect(el('drop-notice')?.textContent).toBe('Only files from your disk can be dropped here (not folders, text or items from another app).');
  });
});

describe('useFileDrop', () => {
  function Probe({ bridge, onDrop }: { bridge: TrailkeeperBridge; onDrop: (r: DropRegistration) => void }) {
    useFileDrop(bridge, onDrop);
    return null;
  }

  function dropEvent(types: string[], files: unknown[]): Event {
    const event = new Event('drop', { cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { types, files } });
    return event;
  }

  it('hands dropped files to the bridge, not to the page, and stops the browser opening them', async () => {
    const registered: unknown[] = [];
    const bridge = { registerDrop: async (files: ArrayLike<unknown>) => (registered.push(files), { ok: true, dropId: 'd2', fileNames: ['a.json'] }) } as unknown as TrailkeeperBridge;
    const got: DropRegistration[] = [];
    view = await render(<Probe bridge={bridge} onDrop={(r) => got.push(r)} />);
    const files = [{ name: 'a.json' }];
    const event = dropEvent(['Files'], files);
    await act(async () => void window.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(true);
    expect(registered).toEqual([files]);
    expect(got).toEqual([{ ok: true, dropId: 'd2', fileNames: ['a.json'] }]);

    // Dragged text is not a file drop: left alone.
    const text = dropEvent(['text/plain'], []);
    await act(async () => void window.dispatchEvent(text));
    expect(text.defaultPrevented).toBe(false);
    expect(registered).toHaveLength(1);
  });
});
