/**
 * The raw event. Text the viewer cannot show comfortably (too large, or nested too deep) gets a
 * note and the start of its text instead, so one hostile event cannot freeze or blank the page;
 * Copy raw in the panel's header still copies all of it. Everything else goes to the lazily
 * loaded Monaco viewer; until it has loaded, or if it cannot, the raw text is shown in a plain
 * <pre> so the event is never hidden behind the editor.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount } from '../format/count.ts';
import type { JsonSpot } from '../format/jsonSpot.ts';
import { formatJson, viewerRefusal } from '../format/prettyJson.ts';
import type { RawViewer } from '../monaco/rawViewer.ts';
import { loadRawViewer } from '../monaco/loadRawViewer.ts';
import { RawCursorBar } from './RawCursorBar.tsx';

/** How much of a refused event is shown as plain text under the note. */
export const REFUSED_PREVIEW_CHARS = 10_000;

export function RawJsonEditor({ raw }: { raw: string | null }) {
  const refusal = useMemo(() => (raw === null ? null : viewerRefusal(formatJson(raw))), [raw]);
  if (raw !== null && refusal !== null) return <RefusedRaw raw={raw} reason={refusal} />;
  return <MonacoRaw raw={raw} />;
}

function RefusedRaw({ raw, reason }: { raw: string; reason: string }) {
  const cut = raw.length > REFUSED_PREVIEW_CHARS;
  return (
    <div className="raw-refused-frame">
      <div className="raw-refused-note" data-testid="raw-refused" role="note">
        {reason} Copy raw copies its exact text.
        {cut && ` Below: its first ${formatCount(REFUSED_PREVIEW_CHARS)} characters.`}
      </div>
      <pre className="raw-refused-preview" data-testid="raw-preview">
        {cut ? raw.slice(0, REFUSED_PREVIEW_CHARS) + '…' : raw}
      </pre>
    </div>
  );
}

function MonacoRaw({ raw }: { raw: string | null }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<RawViewer | null>(null);
  const latestRaw = useRef(raw);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [spot, setSpot] = useState<JsonSpot | null>(null);
  const [wordWrap, setWordWrap] = useState(true);
  latestRaw.current = raw;

  useEffect(() => {
    let unmounted = false;
    loadRawViewer().then(
      ({ createRawViewer }) => {
        if (unmounted || !containerRef.current) return;
        viewerRef.current = createRawViewer(containerRef.current);
        viewerRef.current.show(latestRaw.current ?? '');
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
    viewerRef.current?.show(raw ?? '');
  }, [raw]);

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
        <div ref={containerRef} className="raw-editor" data-testid="raw-editor" />
        {!ready && raw !== null && (
          <pre className="raw-fallback" title={loadError ? `Editor unavailable: ${loadError}` : undefined}>{raw}</pre>
        )}
      </div>
    </>
  );
}
