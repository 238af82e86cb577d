import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
} from '../../../main/electron/window-state.ts';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads a saved state', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":1200,"height":800,"maximized":true}')).toEqual({
      x: 10,
      y: 20,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it.each([
    'not json',
    'null',
    '[]',
    '{"width":"1200","height":800}',
    '{"width":100,"height":800}',
    '{"width":1200,"height":1e9}',
    '{"width":1200.5,"height":800}',
  ])('rejects %s', (text) => {
    expect(parseWindowState(text)).toBeNull();
  });

  it('drops a partial or non-integer position and keeps the size', () => {
    expect(parseWindowState('{"x":10,"width":1200,"height":800}')).toEqual({ width: 1200, height: 800, maximized: false });
  });
});

describe('fitToDisplays', () => {
  it('keeps a position that is visible on some screen', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(fitToDisplays(state, [laptop, rightMonitor])).toEqual(state);
  });

  it('forgets a position on a screen that is gone, so the OS centres the window', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1600, height: 1000, maximized: false });
  });

  it('forgets a position whose title bar is off screen', () => {
    const state = { x: 100, y: -500, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(state, [laptop]).x).toBeUndefined();
  });

  it('shrinks a window larger than its screen', () => {
    const state = { x: 0, y: 0, width: 2560, height: 1400, maximized: false };
    expect(fitToDisplays(state, [laptop])).toMatchObject({ width: 1920, height: 1050 });
  });
});

describe('loadWindowState / saveWindowState', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tk-window-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through the file', () => {
    const file = join(dir, 'window-state.json');
    const state = { x: 50, y: 60, width: 1300, height: 850, maximized: true };
    saveWindowState(file, state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    expect(loadWindowState(file, [laptop])).toEqual(state);
  });

  it('falls back to the default for a missing or corrupt file', () => {
    expect(loadWindowState(join(dir, 'missing.json'), [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"width":');
    expect(loadWindowState(corrupt, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('does not throw when the folder cannot be written', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => saveWindowState(join(dir, 'no', 'such', 'dir', 'state.json'), DEFAULT_WINDOW_STATE)).not.toThrow();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
