/**
 * Monaco's theme follows the OS light/dark preference as the stylesheet does. Monaco's theme is
 * global, so one listener switches every editor (raw viewer, SQL console) at once.
 */
import { currentColorScheme, onColorSchemeChange } from '../hooks/useColorScheme.ts';

export const monacoTheme = (): 'vs' | 'vs-dark' => (currentColorScheme() === 'light' ? 'vs' : 'vs-dark');

let following = false;

/** Switches Monaco's theme whenever the OS preference changes (once per page; later calls do nothing). */
export function followColorScheme(editorApi: { setTheme(theme: string): void }): void {
  if (following) return;
  following = true;
  onColorSchemeChange(() => editorApi.setTheme(monacoTheme()));
}
