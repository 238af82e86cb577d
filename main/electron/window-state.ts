/**
 * The window's remembered size and position: JSON in userData, read before the window opens and
 * written when it closes. No Electron import: the caller passes the screens' work areas, so a
 * test can check that a window saved on a since-unplugged monitor comes back on a visible one.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent when the window should be centred by the OS. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const MIN_WINDOW_SIZE = { width: 800, height: 500 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1400, height: 900, maximized: false };

/** How much of the window's top strip must lie on a screen for the user to grab and move it. */
const MIN_VISIBLE = { width: 120, height: 40 } as const;

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Reads saved JSON; anything malformed or out of range gives null (the default is used). */
export function parseWindowState(text: string): WindowState | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { x, y, width, height, maximized } = data as Record<string, unknown>;
  if (!isInt(width) || !isInt(height) || width < MIN_WINDOW_SIZE.width || height < MIN_WINDOW_SIZE.height) return null;
  if (width > 100_000 || height > 100_000) return null;
  const state: WindowState = { width, height, maximized: maximized === true };
  if (isInt(x) && isInt(y)) {
    state.x = x;
    state.y = y;
  }
  return state;
}

function overlap(a: Area, b: Area): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Keeps the saved position only if the window's title strip is visible on some screen, and never
 * lets the window be larger than the screen it lands on.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Area[]): WindowState {
  if (workAreas.length === 0) return state;
  let target: Area | undefined;
  if (state.x !== undefined && state.y !== undefined) {
    const titleStrip = { x: state.x, y: state.y, width: state.width, height: MIN_VISIBLE.height };
    target = workAreas.find((area) => {
      const shared = overlap(titleStrip, area);
      return shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height;
    });
  }
  const screen = target ?? workAreas[0]!;
  const fitted: WindowState = {
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, screen.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, screen.height)),
    maximized: state.maximized,
  };
  if (target !== undefined) {
    fitted.x = state.x;
    fitted.y = state.y;
  }
  return fitted;
}

export function loadWindowState(file: string, workAreas: readonly Area[]): WindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return fitToDisplays(DEFAULT_WINDOW_STATE, workAreas);
  }
  return fitToDisplays(parseWindowState(text) ?? DEFAULT_WINDOW_STATE, workAreas);
}

/** Synchronous on purpose: it runs in the window's `close` event, just before the app may exit. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(state)}\n`);
    renameSync(temporary, file); // never leave a half-written file behind
  } catch (error) {
    console.warn('Could not remember the window size and position:', error);
  }
}
