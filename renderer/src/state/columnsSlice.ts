/**
 * The table's columns (table/columnLayout.ts): which show, their order and widths, remembered
 * per workspace and restored at start; scope, range and query changes leave them alone. Also the
 * column the keyboard is on in the selected row, whose value menu `f` or Shift+F10 opens.
 */
import { DEFAULT_LAYOUT, moveColumn, moveColumnTo, parseLayout, resizeColumn, toggleColumn, type ColumnLayout } from '../table/columnLayout.ts';
import type { SliceCreator } from './types.ts';
import { readPref, removePref, writePref } from './workspacePrefs.ts';

export const COLUMNS_PREF = 'columns';

export type ColumnsSlice = {
  columnLayout: ColumnLayout;
  /** The cell the keyboard points at in the selected row (a column id); the first column when unset. */
  activeColumn: string | null;
  toggleColumn: (id: string) => void;
  moveColumn: (id: string, delta: number) => void;
  moveColumnTo: (id: string, targetId: string) => void;
  resizeColumn: (id: string, px: number) => void;
  /** Shows exactly these columns in this order (a preset's), keeping the widths; false when none is a column this table has. */
  showColumns: (columns: readonly string[]) => boolean;
  resetColumns: () => void;
  /** Reads this workspace's stored layout (after the workspace is known). */
  restoreColumns: () => void;
  /** Moves the keyboard's cell left (−1) or right (+1) among the shown columns. */
  moveActiveColumn: (delta: number) => void;
};

export const createColumnsSlice: SliceCreator<ColumnsSlice> = (set, get) => {
  const change = (next: (layout: ColumnLayout) => ColumnLayout) => {
    const columnLayout = next(get().columnLayout);
    if (columnLayout === get().columnLayout) return;
    set({ columnLayout });
    const workspace = get().workspaceKey;
    if (workspace !== null) writePref(workspace, COLUMNS_PREF, columnLayout);
  };
  return {
    columnLayout: DEFAULT_LAYOUT,
    activeColumn: null,
    toggleColumn: (id) => change((l) => toggleColumn(l, id)),
    moveColumn: (id, delta) => change((l) => moveColumn(l, id, delta)),
    moveColumnTo: (id, targetId) => change((l) => moveColumnTo(l, id, targetId)),
    resizeColumn: (id, px) => change((l) => resizeColumn(l, id, px)),
    showColumns: (columns) => {
      const layout = parseLayout({ visible: columns, widths: get().columnLayout.widths });
      if (layout) change(() => layout);
      return layout !== null;
    },
    resetColumns: () => {
      set({ columnLayout: DEFAULT_LAYOUT });
      const workspace = get().workspaceKey;
      if (workspace !== null) removePref(workspace, COLUMNS_PREF);
    },
    restoreColumns: () => {
      const workspace = get().workspaceKey;
      if (workspace === null) return;
      const stored = parseLayout(readPref(workspace, COLUMNS_PREF));
      if (stored) set({ columnLayout: stored });
    },
    moveActiveColumn: (delta) => {
      const { visible } = get().columnLayout;
      const at = Math.max(0, visible.indexOf(get().activeColumn ?? ''));
      set({ activeColumn: visible[Math.min(visible.length - 1, Math.max(0, at + delta))] ?? null });
    },
  };
};
