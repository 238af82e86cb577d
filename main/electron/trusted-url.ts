/**
 * Which URLs the desktop app trusts, as pure functions (no Electron import) so every rule has a
 * table-driven test. The app's only origin is `app://trailkeeper`; the only links that may leave
 * it are http(s) ones, handed to the OS browser.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'trailkeeper';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for `app://trailkeeper/…`. Compared on the parsed URL, never by prefix, so
 * `app://trailkeeper.evil/`, `app://trailkeeper@evil/` and `app://trailkeeper:1/` all fail.
 */
export function isTrustedAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Links the OS browser may open: http(s) only — never file:, javascript:, data:, smb: and the like. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface SenderFacts {
  /** URL of the frame that sent the message; null when Electron no longer has the frame. */
  frameUrl: string | null;
  /** Whether that frame is the main frame of its WebContents (not an iframe). */
  isTopFrame: boolean;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/** The decision the IPC router makes before any handler runs. */
export function checkSender({ frameUrl, isTopFrame }: SenderFacts): SenderVerdict {
  if (frameUrl === null) return { ok: false, reason: 'the sending frame no longer exists' };
  if (!isTopFrame) return { ok: false, reason: `the sender is a subframe (${frameUrl})` };
  if (!isTrustedAppUrl(frameUrl)) return { ok: false, reason: `the sender is not the app's own page (${frameUrl})` };
  return { ok: true };
}
