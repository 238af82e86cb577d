/**
 * All hardening of web contents and sessions in one place. Every WebContents the app ever creates
 * passes through `hardenWebContents` (via `web-contents-created`), so no window, popup or frame
 * can escape the rules: no navigation away from app://trailkeeper, no new windows (http(s) links
 * go to the OS browser), no <webview>, and every permission denied but clipboard writing.
 */
import { app, type Session, type WebContents } from 'electron';
import { openExternalSafely } from './open-external.ts';
import { isPermissionAllowed } from './permissions.ts';
import { isSafeExternalUrl, isTrustedAppUrl } from './trusted-url.ts';

const hardenedSessions = new WeakSet<Session>();

/**
 * Denies every permission request and check (camera, notifications, clipboard-read, HID, …) but
 * the one `isPermissionAllowed` names, and every device.
 */
export function hardenSession(session: Session): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}

function denyUntrustedNavigation(event: { url: string; preventDefault(): void }): void {
  if (!isTrustedAppUrl(event.url)) {
    event.preventDefault();
    console.warn(`Blocked navigation to ${event.url.slice(0, 200)}`);
  }
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', denyUntrustedNavigation);
  contents.on('will-frame-navigate', denyUntrustedNavigation);
  contents.on('will-redirect', denyUntrustedNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternalSafely(url);
    return { action: 'deny' };
  });
  hardenSession(contents.session);
}

/** Call once at start-up, before any window exists. */
export function installSecurityGuards(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
