/**
 * Above the raw viewer: the JSON path under the editor's cursor, Copy value and Copy path for it
 * (also in the editor's right-click menu), and the word-wrap switch. The buttons act on where the
 * cursor was left, so a click in the text and then Tab to a button works from the keyboard.
 */
import { useEffect, useRef, useState } from 'react';
import type { JsonSpot } from '../format/jsonSpot.ts';
import './RawCursorBar.css';

const CONFIRM_MS = 1500;

type Props = {
  spot: JsonSpot | null;
  wordWrap: boolean;
  onWordWrap: (on: boolean) => void;
};

export function RawCursorBar({ spot, wordWrap, onWordWrap }: Props) {
  const [copied, setCopied] = useState('');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = (what: string, text: string | undefined) => {
    if (text === undefined) return;
    navigator.clipboard.writeText(text).then(
      () => setCopied(`${what} copied`),
      () => setCopied('Copy failed'),
    );
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setCopied(''), CONFIRM_MS);
  };

  return (
    <div className="raw-cursor-bar" data-testid="raw-cursor-bar">
      <code className="raw-cursor-path" data-testid="raw-cursor-path" title="The JSON path under the cursor">
        {spot?.path ?? 'Click a value to copy it or its path'}
      </code>
      <span className="copy-status" role="status" aria-live="polite" data-testid="raw-cursor-status">
        {copied}
      </span>
      <button type="button" className="control" data-testid="copy-cursor-value" disabled={!spot} title="Copy the value under the cursor" onClick={() => copy('Value', spot?.value)}>
        Copy value
      </button>
      <button type="button" className="control" data-testid="copy-cursor-path" disabled={!spot} title="Copy the JSON path under the cursor" onClick={() => copy('Path', spot?.path)}>
        Copy path
      </button>
      <label className="raw-wrap-toggle">
        <input type="checkbox" data-testid="raw-word-wrap" checked={wordWrap} onChange={(e) => onWordWrap(e.target.checked)} />
        Wrap
      </label>
    </div>
  );
}
