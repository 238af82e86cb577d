/**
 * The desktop Open dialog for imports, shown by the main process (the page never names a path):
 * audit-log files, several at once. Electron is only a type import; index.ts passes the real
 * `dialog` and window, tests a fake.
 */
import type { BaseWindow, Dialog, OpenDialogOptions } from 'electron';

export const IMPORT_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Import audit log files',
  buttonLabel: 'Import',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Audit logs', extensions: ['json', 'jsonl', 'ndjson', 'csv', 'tsv', 'log', 'txt', 'gz'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export type OpenDialogLike = Pick<Dialog, 'showOpenDialog'>;

/** The chosen paths, or none when the user closes the dialog. */
export async function chooseImportFiles(dialog: OpenDialogLike, window: BaseWindow | null): Promise<string[]> {
  const result = window === null ? await dialog.showOpenDialog(IMPORT_DIALOG_OPTIONS) : await dialog.showOpenDialog(window, IMPORT_DIALOG_OPTIONS);
  return result.canceled ? [] : result.filePaths;
}
