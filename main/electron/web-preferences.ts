/**
 * The renderer's webPreferences, as a pure function so a test can pin every switch. The page gets
 * no Node, runs sandboxed in an isolated world, and talks to main only through the preload.
 */
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string, allowDevTools = false): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // A file dropped on the window must not replace the app with that file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: allowDevTools,
  };
}
