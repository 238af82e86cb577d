/** The latest API failure, in the API's own words. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store.ts';

export function ErrorBanner() {
  const { bannerError, dismissError } = useAppStore(
    useShallow((s) => ({ bannerError: s.bannerError, dismissError: s.dismissError })),
  );
  if (bannerError === null) return null;
  return (
    <div className="error-banner" data-testid="error-banner" role="alert">
      <span className="error-banner-message">{bannerError}</span>
      <button type="button" className="link-button" onClick={dismissError} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
