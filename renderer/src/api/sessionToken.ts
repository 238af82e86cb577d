/**
 * The browser-mode token arrives once as `?token=…` in the page URL. Keep it in sessionStorage so
 * a reload still works, and take it out of the visible URL so it is not shared by copy-paste or
 * left in screenshots.
 */
const TOKEN_PARAM = 'token';
const STORAGE_KEY = 'trailkeeper.token';

export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    storeToken(fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return readStoredToken();
}

function storeToken(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage can be disabled; the token still works until the page reloads.
  }
}

function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
