/**
 * Windowing with fixed-height rows. Browsers stop laying out elements somewhere past ~16.7 M px
 * (2^24), so a list taller than MAX_PHYSICAL_PX is drawn in a shorter scroller and the physical
 * scroll offset is scaled to a logical one: every row stays reachable at any result size.
 */
export const MAX_PHYSICAL_PX = 8_000_000;

export type WindowGeometry = {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
  maxPhysicalPx?: number;
};

export type RowWindow = {
  /** Height of the scroller's content. */
  physicalHeight: number;
  /** Logical pixels per physical pixel of scroll (1 unless the list is huge). */
  scale: number;
  first: number;
  /** Exclusive. */
  end: number;
  /** Logical offset of the viewport's top edge. */
  logicalTop: number;
};

function logicalHeight(g: WindowGeometry): number {
  return g.rowCount * g.rowHeight;
}

export function physicalHeightOf(g: WindowGeometry): number {
  return Math.min(logicalHeight(g), g.maxPhysicalPx ?? MAX_PHYSICAL_PX);
}

export function scaleOf(g: WindowGeometry): number {
  const logical = logicalHeight(g);
  const physical = physicalHeightOf(g);
  if (physical >= logical || physical <= g.viewportHeight) return 1;
  return (logical - g.viewportHeight) / (physical - g.viewportHeight);
}

export function computeWindow(g: WindowGeometry, physicalTop: number, overscan: number, maxRows: number): RowWindow {
  const scale = scaleOf(g);
  const maxLogicalTop = Math.max(0, logicalHeight(g) - g.viewportHeight);
  const logicalTop = Math.min(Math.max(0, physicalTop * scale), maxLogicalTop);
  const firstVisible = Math.floor(logicalTop / g.rowHeight);
  const endVisible = Math.ceil((logicalTop + g.viewportHeight) / g.rowHeight);
  const first = Math.max(0, firstVisible - overscan);
  const end = Math.min(g.rowCount, endVisible + overscan, first + maxRows);
  return { physicalHeight: physicalHeightOf(g), scale, first, end, logicalTop };
}

/** Where row `index` sits inside the scroller's content, given the current scroll. */
export function rowPhysicalTop(index: number, rowHeight: number, physicalTop: number, logicalTop: number): number {
  return physicalTop + index * rowHeight - logicalTop;
}

/** The physical scroll offset that brings row `index` fully into view, or null if it already is. */
export function scrollTopToReveal(g: WindowGeometry, index: number, physicalTop: number): number | null {
  const scale = scaleOf(g);
  const logicalTop = physicalTop * scale;
  const rowTop = index * g.rowHeight;
  const rowBottom = rowTop + g.rowHeight;
  // Rounded outward: the browser snaps scrollTop to whole pixels, which `scale` magnifies.
  if (rowTop < logicalTop) return Math.floor(rowTop / scale);
  if (rowBottom > logicalTop + g.viewportHeight) return Math.ceil((rowBottom - g.viewportHeight) / scale);
  return null;
}
