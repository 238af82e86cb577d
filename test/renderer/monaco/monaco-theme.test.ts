/** Monaco follows the OS light/dark preference: the theme at creation, and a switch when the OS changes. */
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A matchMedia whose `(prefers-color-scheme: light)` answer the test flips, firing `change`. */
function fakeMatchMedia(light: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return light;
    },
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
  };
  vi.stubGlobal('matchMedia', (q: string) => (q === '(prefers-color-scheme: light)' ? query : { matches: false, addEventListener() {}, removeEventListener() {} }));
  return {
    flip(to: boolean) {
      light = to;
      for (const fn of listeners) fn();
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('monacoTheme', () => {
  it('is vs in light and vs-dark in dark, and one listener switches it when the OS changes', async () => {
    const os = fakeMatchMedia(true);
    const { monacoTheme, followColorScheme } = await import('../../../renderer/src/monaco/monacoTheme.ts');
    expect(monacoTheme()).toBe('vs');
    const setTheme = vi.fn();
    followColorScheme({ setTheme });
    followColorScheme({ setTheme });
    os.flip(false);
    expect(monacoTheme()).toBe('vs-dark');
    expect(setTheme.mock.calls).toEqual([['vs-dark']]);
    os.flip(true);
    expect(setTheme.mock.calls).toEqual([['vs-dark'], ['vs']]);
  });
});
