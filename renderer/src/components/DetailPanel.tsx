/**
 * The open event: normalised fields on top, the raw event below in a read-only Monaco editor.
 * The header (Copy raw, Close) stands outside the error boundary, so even an event the panel
 * fails to draw can still be copied exactly and closed.
 */
import { useShallow } from 'zustand/react/shallow';
import { EVENT_GRID_ID, focusById } from '../hooks/focusTargets.ts';
import { useAppStore } from '../state/store.ts';
import { CopyRawButton } from './CopyRawButton.tsx';
import { DetailFields } from './DetailFields.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { RawJsonEditor } from './RawJsonEditor.tsx';

export function DetailPanel() {
  const { detailId, detail, detailStatus, detailError, closeDetail, timeZone } = useAppStore(
    useShallow((s) => ({
      detailId: s.detailId,
      // Only the detail of the requested event; an older one may still be held while loading.
      detail: s.detail !== null && s.detail.id === s.detailId ? s.detail : null,
      detailStatus: s.detailStatus,
      detailError: s.detailError,
      closeDetail: s.closeDetail,
      timeZone: s.timeZone,
    })),
  );
  const ready = detailStatus === 'ready' && detail !== null;
  return (
    <aside className="detail-panel" data-testid="event-detail" aria-label="Event detail" aria-busy={detailStatus === 'loading'}>
      <div className="detail-header">
        <h2 className="detail-title" title={detail?.action}>{detail?.action ?? 'Event'}</h2>
        <CopyRawButton raw={ready ? detail.raw : null} />
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
      {detailStatus === 'error' && (
        <div className="detail-error" role="alert">{detailError}</div>
      )}
      {detailStatus === 'loading' && detail === null && <div className="detail-loading">Loading event…</div>}
      <ErrorBoundary what="this event" resetKey={detailId}>
        {detail && <DetailFields detail={detail} timeZone={timeZone} />}
        <RawJsonEditor raw={detail?.raw ?? null} />
      </ErrorBoundary>
    </aside>
  );
}
