/** The one app window: secure preferences, remembered bounds, loaded from app://trailkeeper. */
import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL } from './trusted-url.ts';
import { secureWebPreferences } from './web-preferences.ts';
import { loadWindowState, MIN_WINDOW_SIZE, saveWindowState } from './window-state.ts';

/** The built preload, beside the built main file (out/main/index.js → out/preload/index.cjs). */
export const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');

export interface MainWindowOptions {
  /** JSON file for the remembered bounds (in userData). */
  stateFile: string;
  /** Development build: allow dev tools. */
  isDev: boolean;
}

export function createMainWindow({ stateFile, isDev }: MainWindowOptions): BrowserWindow {
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...(state.x === undefined || state.y === undefined ? {} : { x: state.x, y: state.y }),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Trailkeeper',
    show: false, // shown on ready-to-show, so the user never sees a blank frame
    webPreferences: secureWebPreferences(PRELOAD_PATH, isDev),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    saveWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`Could not load ${APP_ENTRY_URL}:`, error);
  });
  return window;
}
