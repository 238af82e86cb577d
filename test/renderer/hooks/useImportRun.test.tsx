/**
 * The run both Import dialogs share: progress then the result, back to choosing when nothing was
 * imported, a failure's sentence, Cancel and leaving the dialog abort the work, Esc closes the
 * dialog except while it runs, and the tenants and the view reload after every run.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { byTestId, render, type Rendered } from '../components/render.ts';

vi.mock('../../../renderer/src/api/client.ts', async () => ({ ApiClientError: (await import('../../../renderer/src/api/ApiClientError.ts')).ApiClientError }));
const loadTenants = vi.fn(async () => {});
const refresh = vi.fn(async () => {});
vi.mock('../../../renderer/src/state/store.ts', () => ({ useAppStore: { getState: () => ({ loadTenants, refresh }) } }));

const { useImportRun } = await import('../../../renderer/src/hooks/useImportRun.ts');
const { ApiClientError } = await import('../../../renderer/src/api/ApiClientError.ts');
type Run = ReturnType<typeof useImportRun<number, string>>;

let run: Run | null = null;
function Probe({ onClose }: { onClose: () => void }) {
  run = useImportRun<number, string>(onClose);
  const { phase } = run;
  return <p data-testid="phase">{phase.kind === 'running' ? `running ${phase.progress ?? '-'}` : phase.kind === 'done' ? `done ${phase.result}` : phase.kind === 'failed' ? `failed ${phase.message}` : phase.kind}</p>;
}

/** Work that waits for `finish`, reporting progress, and records whether its signal was aborted. */
function pendingWork() {
  const seen = { signal: null as AbortSignal | null };
  let finish: (result: string | null) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const work = (signal: AbortSignal, onProgress: (p: number) => void) =>
    new Promise<string | null>((resolve, reject) => {
      seen.signal = signal;
      onProgress(40);
      finish = resolve;
      fail = reject;
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  return { work, seen, finish: (r: string | null) => act(async () => finish(r)), fail: (e: unknown) => act(async () => fail(e)) };
}

let view: Rendered | null = null;
const onClose = vi.fn();
beforeEach(() => {
  loadTenants.mockClear();
  refresh.mockClear();
  onClose.mockClear();
});
afterEach(async () => {
  await view?.unmount();
  view = null;
});
const phase = () => byTestId(view!.container, 'phase')?.textContent;
const escape = () => act(async () => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));

describe('useImportRun', () => {
  it('shows progress, then the result, and reloads the tenants and the view', async () => {
    view = await render(<Probe onClose={onClose} />);
    const w = pendingWork();
    let started: Promise<void> = Promise.resolve();
    await act(async () => void (started = run!.start(w.work)));
    expect(phase()).toBe('running 40');
    await w.finish('3 files');
    await act(() => started);
    expect(phase()).toBe('done 3 files');
    expect(loadTenants).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('goes back to choosing when nothing was imported, and says why a run failed', async () => {
    view = await render(<Probe onClose={onClose} />);
    await act(() => run!.start(async () => null));
    expect(phase()).toBe('choosing');
    await act(() => run!.start(async () => Promise.reject(new ApiClientError({ code: 'invalid_input', message: 'That file is not an audit log.' }))));
    expect(phase()).toBe('failed That file is not an audit log.');
    expect(loadTenants).toHaveBeenCalledTimes(2);
  });

  it('Cancel aborts the work and ends cancelled; Esc closes only when nothing runs', async () => {
    view = await render(<Probe onClose={onClose} />);
    const w = pendingWork();
    let started: Promise<void> = Promise.resolve();
    await act(async () => void (started = run!.start(w.work)));
    await escape();
    expect(onClose).not.toHaveBeenCalled();
    await act(async () => run!.cancel());
    await act(() => started);
    expect(w.seen.signal?.aborted).toBe(true);
    expect(phase()).toBe('cancelled');
    expect(loadTenants).toHaveBeenCalledTimes(1); // what was written before the cancel shows
    await escape();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('leaving the dialog mid-import aborts it', async () => {
    view = await render(<Probe onClose={onClose} />);
    const w = pendingWork();
    await act(async () => void run!.start(w.work));
    await view.unmount();
    view = null;
    expect(w.seen.signal?.aborted).toBe(true);
  });
});
