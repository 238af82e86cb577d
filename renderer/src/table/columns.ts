/** Fixed row height: the windowing relies on it. Keep in step with `--row-height`. The columns are in columnCatalog.ts. */
export const ROW_HEIGHT = 26;
