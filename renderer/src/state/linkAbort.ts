/** Aborts `control` when `signal` aborts (AbortSignal.any is not in every DOM this runs in). */
export function linkAbort(signal: AbortSignal | undefined, control: AbortController): void {
  if (!signal) return;
  if (signal.aborted) control.abort();
  else signal.addEventListener('abort', () => control.abort(), { once: true });
}
