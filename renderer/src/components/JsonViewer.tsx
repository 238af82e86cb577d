/**
 * The inspector's read-only JSON viewer, used by both tabs (the raw event and the normalised
 * one), so both offer the same reading tools: copy the value or JSON path under the cursor,
 * folding, Ctrl+F search and word wrap (monaco/rawViewer.ts, RawCursorBar.tsx).
 *
 * Text the viewer cannot show comfortably (too large, or nested too deep) gets a note and the
 * start of its text instead, so one hostile event cannot freeze or blank the page; the panel's
 * Copy buttons still copy all of it. Everything else goes to the lazily loaded Monaco viewer;
 * until it has loaded, or if it cannot, the text is shown in a plain <pre> so the event is never
 * hidden behind the editor.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount } from '../format/count.ts';
import type { JsonSpot } from '../format/jsonSpot.ts';
import { formatJson, viewerRefusal } from '../format/prettyJson.ts';
import type { RawViewer } from '../monaco/rawViewer.ts';
import { loadRawViewer } from '../monaco/loadRawViewer.ts';
import { RawCursorBar } from './RawCursorBar.tsx';

/** How much of a refused text is shown as plain text under the note. */
export const REFUSED_PREVIEW_CHARS = 10_000;

type Props = {
  /** The JSON (or, for a raw event that is not JSON, plain) text; null while there is none. */
  text: string | null;
  /** The test id of the editor's container: each tab names its own. */
  testId: string;
  /** Which header button copies all of the text, for the note on a refused one. */
  copyHint: string;
};

export function JsonViewer({ text, testId, copyHint }: Props) {
  const refusal = useMemo(() => (text === null ? null : viewerRefusal(formatJson(text))), [text]);
  if (text !== null && refusal !== null) return <RefusedText text={text} reason={refusal} copyHint={copyHint} />;
  return <MonacoJson text={text} testId={testId} />;
}

function RefusedText({ text, reason, copyHint }: { text: string; reason: string; copyHint: string }) {
  const cut = text.length > REFUSED_PREVIEW_CHARS;
  return (
    <div className="raw-refused-frame">
      <div className="raw-refused-note" data-testid="raw-refused" role="note">
        {reason} {copyHint}
        {cut && ` Below: its first ${formatCount(REFUSED_PREVIEW_CHARS)} characters.`}
      </div>
      <pre className="raw-refused-preview" data-testid="raw-preview">
        {cut ? text.slice(0, REFUSED_PREVIEW_CHARS) + '…' : text}
      </pre>
    </div>
  );
}

function MonacoJson({ text, testId }: { text: string | null; testId: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<RawViewer | null>(null);
  const latestText = useRef(text);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [spot, setSpot] = useState<JsonSpot | null>(null);
  const [wordWrap, setWordWrap] = useState(true);
  latestText.current = text;

  useEffect(() => {
    let unmounted = false;
    loadRawViewer().then(
      ({ createRawViewer }) => {
        if (unmounted || !containerRef.current) return;
        viewerRef.current = createRawViewer(containerRef.current);
        viewerRef.current.show(latestText.current ?? '');
        viewerRef.current.onSpotChange(setSpot);
        setReady(true);
      },
      (error: unknown) => {
        if (!unmounted) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      unmounted = true;
      viewerRef.current?.dispose();
      viewerRef.current = null;
    };
  }, []);

  useEffect(() => {
    viewerRef.current?.show(text ?? '');
  }, [text]);

  return (
    <>
      {ready && (
        <RawCursorBar
          spot={spot}
          wordWrap={wordWrap}
          onWordWrap={(on) => {
            setWordWrap(on);
            viewerRef.current?.setWordWrap(on);
          }}
        />
      )}
      <div className="raw-editor-frame">
        <div ref={containerRef} className="raw-editor" data-testid={testId} />
        {!ready && text !== null && (
          <pre className="raw-fallback" title={loadError ? `Editor unavailable: ${loadError}` : undefined}>{text}</pre>
        )}
      </div>
    </>
  );
}
