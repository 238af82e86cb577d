/**
 * The only place the app hands a URL to the operating system (eslint bans `shell.openExternal`
 * everywhere else). Only http(s) links pass; file:, smb:, javascript: and custom schemes could
 * run programs or leak credentials through the OS handler.
 */
import { shell } from 'electron';
import { isSafeExternalUrl } from './trusted-url.ts';

/** Opens `url` in the user's browser when it is http(s); returns whether it did. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) {
    console.warn(`Refused to open a non-http(s) link outside the app: ${url.slice(0, 200)}`);
    return false;
  }
  try {
    await shell.openExternal(url);
    return true;
  } catch (error) {
    console.error(`Could not open ${url} in the browser:`, error);
    return false;
  }
}
