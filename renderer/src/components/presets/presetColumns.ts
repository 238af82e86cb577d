/**
 * A preset's columns are the table's shown columns in order (the column chooser's
 * `columnLayout.visible`, state/columnsSlice.ts). Applying them keeps the widths of columns still
 * shown, drops ids this version does not know, and is remembered for the workspace as any column
 * change is; a preset without columns (an older file) leaves the table as it is.
 */
import type { AppStore } from '../../state/createAppStore.ts';
import { COLUMNS_PREF } from '../../state/columnsSlice.ts';
import { writePref } from '../../state/workspacePrefs.ts';
import { parseLayout } from '../../table/columnLayout.ts';

export function captureColumns(store: AppStore): string[] {
  return [...store.getState().columnLayout.visible];
}

/** True when the columns were applied; false when none of them is a column this table has. */
export function applyColumns(store: AppStore, columns: readonly string[]): boolean {
  const { columnLayout, workspaceKey } = store.getState();
  const layout = parseLayout({ visible: columns, widths: columnLayout.widths });
  if (!layout) return false;
  store.setState({ columnLayout: layout });
  if (workspaceKey !== null) writePref(workspaceKey, COLUMNS_PREF, layout);
  return true;
}
