/**
 * The open event, in two tabs: Raw (the normalised fields on top, the raw event below) and
 * Normalised (the normalised event as JSON), both in the same read-only JSON viewer (copy value
 * or path under the cursor, folding, search, wrap). Previous and next walk
 * the table without closing. The header (Copy raw, Copy normalised, Close) stands outside the
 * error boundary, so even an event the panel fails to draw can still be copied exactly and closed.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { normalisedJson } from '../format/normalisedJson.ts';
import { EVENT_GRID_ID, focusById } from '../hooks/focusTargets.ts';
import { useAppStore } from '../state/store.ts';
import { CopyRawButton } from './CopyRawButton.tsx';
import { DetailFields } from './DetailFields.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { JsonViewer } from './JsonViewer.tsx';
import { AnnotationEditor } from './annotations/AnnotationEditor.tsx';

type Tab = 'raw' | 'normalised';

export function DetailPanel() {
  const { detailId, detail, detailStatus, detailError, closeDetail, moveSelection, timeZone } = useAppStore(
    useShallow((s) => ({
      detailId: s.detailId,
      // Only the detail of the requested event; an older one may still be held while loading.
      detail: s.detail !== null && s.detail.id === s.detailId ? s.detail : null,
      detailStatus: s.detailStatus,
      detailError: s.detailError,
      closeDetail: s.closeDetail,
      moveSelection: s.moveSelection,
      timeZone: s.timeZone,
    })),
  );
  const [tab, setTab] = useState<Tab>('raw');
  const ready = detailStatus === 'ready' && detail !== null;
  return (
    <aside
      className="detail-panel"
      data-testid="event-detail"
      aria-label="Event detail"
      aria-busy={detailStatus === 'loading'}
      // Alt+↑/↓ walk the table from anywhere in the panel, the raw viewer included, without closing it.
      onKeyDownCapture={(e) => {
        if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
        e.preventDefault();
        e.stopPropagation();
        moveSelection(e.key === 'ArrowDown' ? 1 : -1);
      }}
    >
      <div className="detail-header">
        <h2 className="detail-title" title={detail?.action}>{detail?.action ?? 'Event'}</h2>
        <button type="button" className="control" data-testid="detail-previous" aria-label="Previous event (Alt+↑)" title="Previous event (Alt+↑)" onClick={() => moveSelection(-1)}>
          ‹
        </button>
        <button type="button" className="control" data-testid="detail-next" aria-label="Next event (Alt+↓)" title="Next event (Alt+↓)" onClick={() => moveSelection(1)}>
          ›
        </button>
        <CopyRawButton raw={ready ? detail.raw : null} />
        <button
          type="button"
          className="control"
          data-testid="copy-normalised"
          disabled={!ready}
          onClick={() => ready && void navigator.clipboard?.writeText(normalisedJson(detail))}
        >
          Copy normalised
        </button>
        <button
          type="button"
          className="control"
          data-testid="detail-close"
          aria-label="Close detail (Esc)"
          title="Close (Esc)"
          onClick={() => {
            closeDetail();
            focusById(EVENT_GRID_ID);
          }}
        >
          ✕
        </button>
      </div>
      <div className="detail-tabs" role="tablist" aria-label="Event view">
        {(['raw', 'normalised'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} data-testid={`detail-tab-${t}`} className={tab === t ? 'detail-tab active' : 'detail-tab'} onClick={() => setTab(t)}>
            {t === 'raw' ? 'Raw' : 'Normalised'}
          </button>
        ))}
      </div>
      {detail && <AnnotationEditor event={detail} />}
      {detailStatus === 'error' && (
        <div className="detail-error" role="alert">{detailError}</div>
      )}
      {detailStatus === 'loading' && detail === null && <div className="detail-loading">Loading event…</div>}
      <ErrorBoundary what="this event" resetKey={detailId}>
        {tab === 'raw' ? (
          <>
            {detail && <DetailFields detail={detail} timeZone={timeZone} />}
            <JsonViewer text={detail?.raw ?? null} testId="raw-editor" copyHint="Copy raw copies its exact text." />
          </>
        ) : (
          detail && (
            <div className="detail-normalised" data-testid="detail-normalised" data-event-id={detail.id} role="tabpanel">
              <JsonViewer text={normalisedJson(detail)} testId="normalised-editor" copyHint="Copy normalised copies all of it." />
            </div>
          )
        )}
      </ErrorBoundary>
    </aside>
  );
}
