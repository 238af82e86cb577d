/**
 * Hosts the lazily loaded Monaco viewer. Until it has loaded, or if it cannot, the raw text is
 * shown in a plain <pre> so the event is never hidden behind the editor.
 */
import { useEffect, useRef, useState } from 'react';
import type { RawViewer } from '../monaco/rawViewer.ts';
import { loadRawViewer } from '../monaco/loadRawViewer.ts';

export function RawJsonEditor({ raw }: { raw: string | null }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<RawViewer | null>(null);
  const latestRaw = useRef(raw);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  latestRaw.current = raw;

  useEffect(() => {
    let unmounted = false;
    loadRawViewer().then(
      ({ createRawViewer }) => {
        if (unmounted || !containerRef.current) return;
        viewerRef.current = createRawViewer(containerRef.current);
        viewerRef.current.show(latestRaw.current ?? '');
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
    <div className="raw-editor-frame">
      <div ref={containerRef} className="raw-editor" data-testid="raw-editor" />
      {!ready && raw !== null && (
        <pre className="raw-fallback" title={loadError ? `Editor unavailable: ${loadError}` : undefined}>{raw}</pre>
      )}
    </div>
  );
}
