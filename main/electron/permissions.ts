/**
 * Which web permissions the page gets: none, except writing plain text to the clipboard from the
 * app's own page (the "Copy raw" button uses navigator.clipboard.writeText). Writing is
 * sanitized by Chromium and is no more than Edit → Copy already does; reading stays denied.
 */
import { isTrustedAppUrl } from './trusted-url.ts';

const ALLOWED_FOR_APP_PAGE: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_FOR_APP_PAGE.has(permission) && isTrustedAppUrl(requestingUrl);
}
