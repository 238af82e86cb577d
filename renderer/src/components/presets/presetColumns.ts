/**
 * A preset's columns are the table's shown columns in order (the column chooser's
 * `columnLayout.visible`, state/columnsSlice.ts). Applying them keeps the widths of columns still
 * shown, drops ids this version does not know, and is remembered for the workspace as any column
 * change is; a preset without columns (an older file) leaves the table as it is.
 */
import type { AppStore } from '../../state/createAppStore.ts';

export function captureColumns(store: AppStore): string[] {
  return [...store.getState().columnLayout.visible];
}

/** True when the columns were applied; false when none of them is a column this table has. */
export function applyColumns(store: AppStore, columns: readonly string[]): boolean {
  return store.getState().showColumns(columns);
}
