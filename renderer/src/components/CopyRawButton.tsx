/**
 * Copies the event's raw text exactly as received (not the re-indented view) and confirms it
 * briefly. Evidence pasted elsewhere must hash to the stored sha256.
 */
import { useEffect, useRef, useState } from 'react';

const CONFIRM_MS = 1500;

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyRawButton({ raw }: { raw: string | null }) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const flash = (next: CopyState) => {
    setState(next);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), CONFIRM_MS);
  };

  const copy = () => {
    if (raw === null) return;
    navigator.clipboard.writeText(raw).then(
      () => flash('copied'),
      () => flash('failed'),
    );
  };

  return (
    <>
      <span className="copy-status" data-testid="copy-status" role="status" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
      <button type="button" className="control" data-testid="copy-raw" disabled={raw === null} onClick={copy}>
        Copy raw
      </button>
    </>
  );
}
