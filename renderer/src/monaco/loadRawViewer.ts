/** Loads the Monaco viewer module once, on first use. */
import type * as RawViewerModule from './rawViewer.ts';

let loading: Promise<typeof RawViewerModule> | null = null;

export function loadRawViewer(): Promise<typeof RawViewerModule> {
  loading ??= import('./rawViewer.ts').catch((error: unknown) => {
    loading = null; // let a later panel try again
    throw error;
  });
  return loading;
}
