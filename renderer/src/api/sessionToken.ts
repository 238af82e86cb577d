/**
 * The browser-mode API token arrives once as `?token=…` in the page URL. Keep it in
 * sessionStorage so a reload still works (the reload itself is let in by the page's session
 * cookie, which holds a different secret and never authorises API calls: issue 7, item 3), and
 * take it out of the visible URL so it is not shared by copy-paste or left in screenshots.
 * sessionStorage belongs to this origin (host and port), so no other local service can read it.
 */
const TOKEN_PARAM = 'token';
const STORAGE_KEY = 'trailkeeper.token';

let taken: { token: string | null } | null = null;

export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    storeToken(fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    taken = { token: fromUrl };
    return fromUrl;
  }
  taken = { token: taken?.token ?? readStoredToken() };
  return taken.token;
}

/** The token this page took at start (or takes it now), for requests beside the API calls (uploads). */
export function sessionToken(): string | null {
  return taken ? taken.token : takeSessionToken();
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
