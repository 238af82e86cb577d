/**
 * What the desktop app adds to exports: the OS Save dialog (the user picks where the file goes,
 * the manifest lands beside it) and Reveal in folder. Electron-free on purpose: index.ts passes
 * Electron's real `dialog` and `shell`, tests pass fakes; browser mode and the command line pass
 * nothing and keep exports in `exports/`.
 */

/** The capability the export handlers are given in the desktop app. */
export interface DesktopExports {
  /** Shows the Save dialog with `defaultPath`; the chosen absolute path, or null when the user cancels. */
  chooseSavePath(defaultPath: string): Promise<string | null>;
  /** Shows `path` (a recorded export, checked by the caller) selected in the OS file manager. */
  revealInFolder(path: string): void;
}

/** The part of Electron's `dialog` used here (structural, so a test can pass a fake). */
export interface SaveDialogLike {
  showSaveDialog(options: SaveOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

/** The part of Electron's `shell` used here. */
export interface RevealShellLike {
  showItemInFolder(fullPath: string): void;
}

export interface SaveOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  properties: ['createDirectory', 'showOverwriteConfirmation'];
}

export function saveDialogOptions(defaultPath: string): SaveOptions {
  return { title: 'Export to…', buttonLabel: 'Export', defaultPath, properties: ['createDirectory', 'showOverwriteConfirmation'] };
}

/** Wires the dialog and shell the Electron shell owns into the capability the handlers use. */
export function desktopExports(dialog: SaveDialogLike, shell: RevealShellLike): DesktopExports {
  return {
    chooseSavePath: async (defaultPath) => {
      const result = await dialog.showSaveDialog(saveDialogOptions(defaultPath));
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    revealInFolder: (path) => shell.showItemInFolder(path),
  };
}
