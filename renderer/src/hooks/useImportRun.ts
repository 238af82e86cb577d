/**
 * The life of an import in either Import dialog (browser upload, desktop files): one run at a
 * time, with its progress; it ends done, back at choosing when there was nothing to import (a
 * closed Open dialog), failed with the sentence, or cancelled. Cancel and leaving the dialog abort
 * it; Esc closes the dialog except while it runs. After every run, whatever was written (all of
 * it, or the batches before a cancel) shows in the tenant list and the table.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiClientError } from '../api/client.ts';
import { useAppStore } from '../state/store.ts';
import { useEscapeToClose } from './useEscapeToClose.ts';

export type ImportPhase<Progress, Result> =
  | { kind: 'choosing' }
  | { kind: 'running'; progress: Progress | null }
  | { kind: 'done'; result: Result }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

/** Does the import; null when nothing was imported. */
export type ImportWork<Progress, Result> = (signal: AbortSignal, onProgress: (progress: Progress) => void) => Promise<Result | null>;

export function useImportRun<Progress, Result>(onClose: () => void) {
  const [phase, setPhase] = useState<ImportPhase<Progress, Result>>({ kind: 'choosing' });
  const abortRef = useRef<AbortController | null>(null);
  const running = phase.kind === 'running';

  // Leaving the dialog mid-import cancels it, like the Cancel button.
  useEffect(() => () => abortRef.current?.abort(), []);
  useEscapeToClose(onClose, !running);

  async function start(work: ImportWork<Progress, Result>): Promise<void> {
    const abort = new AbortController();
    abortRef.current = abort;
    setPhase({ kind: 'running', progress: null });
    try {
      const result = await work(abort.signal, (progress) => setPhase({ kind: 'running', progress }));
      setPhase(result === null ? { kind: 'choosing' } : { kind: 'done', result });
    } catch (error) {
      const apiError = ApiClientError.from(error);
      setPhase(apiError.code === 'cancelled' || abort.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: apiError.message });
    } finally {
      abortRef.current = null;
      const { loadTenants, refresh } = useAppStore.getState();
      void loadTenants().then(() => refresh());
    }
  }

  return { phase, running, start, cancel: () => abortRef.current?.abort() };
}
