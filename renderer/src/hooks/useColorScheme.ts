/**
 * The OS's light/dark preference, for what CSS cannot colour by itself (canvas charts, Monaco):
 * the stylesheet follows `prefers-color-scheme` on its own, these follow it through this.
 */
import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

const LIGHT_QUERY = '(prefers-color-scheme: light)';

/** Dark unless the OS asks for light (dark is the app's default, as in styles.css). */
export function currentColorScheme(): ColorScheme {
  return typeof matchMedia === 'function' && matchMedia(LIGHT_QUERY).matches ? 'light' : 'dark';
}

/** Calls `onChange` whenever the OS preference changes; returns the unsubscribe. */
export function onColorSchemeChange(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(LIGHT_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** The current scheme; the component renders again when the OS switches. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(onColorSchemeChange, currentColorScheme, () => 'dark');
}
