/**
 * Windowing with fixed-height rows over a logical scroll position. Browsers stop laying out
 * elements somewhere past ~16.7 M px (2^24), so a list taller than MAX_PHYSICAL_PX is drawn in a
 * shorter scroller whose scrollbar stands for the whole list: dragging it maps the physical
 * offset to a logical one (scaled), while wheel steps, keys and reveals move the logical offset
 * itself, one pixel per pixel, and the scrollbar follows. The logical offset is the truth.
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
  /** Logical offset of the viewport's top edge, clamped. */
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

export function clampLogicalTop(g: WindowGeometry, logicalTop: number): number {
  return Math.min(Math.max(0, logicalTop), Math.max(0, logicalHeight(g) - g.viewportHeight));
}

/** The logical offset a physical scroll offset stands for (a scrollbar drag). */
export function logicalFromPhysical(g: WindowGeometry, physicalTop: number): number {
  return clampLogicalTop(g, physicalTop * scaleOf(g));
}

/** The whole-pixel physical offset that shows a logical one (the browser snaps scrollTop). */
export function physicalFromLogical(g: WindowGeometry, logicalTop: number): number {
  const max = Math.max(0, physicalHeightOf(g) - g.viewportHeight);
  return Math.min(max, Math.max(0, Math.round(clampLogicalTop(g, logicalTop) / scaleOf(g))));
}

export function computeWindow(g: WindowGeometry, logicalTop: number, overscan: number, maxRows: number): RowWindow {
  const top = clampLogicalTop(g, logicalTop);
  const firstVisible = Math.floor(top / g.rowHeight);
  const endVisible = Math.ceil((top + g.viewportHeight) / g.rowHeight);
  const first = Math.max(0, firstVisible - overscan);
  const end = Math.min(g.rowCount, endVisible + overscan, first + maxRows);
  return { physicalHeight: physicalHeightOf(g), scale: scaleOf(g), first, end, logicalTop: top };
}

/** The rows wholly or partly in view (no overscan), for "1–40 of N". */
export function visibleRows(g: WindowGeometry, logicalTop: number): { first: number; end: number } {
  const top = clampLogicalTop(g, logicalTop);
  const first = Math.min(g.rowCount, Math.floor(top / g.rowHeight));
  return { first, end: Math.min(g.rowCount, Math.ceil((top + g.viewportHeight) / g.rowHeight)) };
}

/** Where row `index` sits inside the scroller's content, given the physical and logical offsets. */
export function rowPhysicalTop(index: number, rowHeight: number, physicalTop: number, logicalTop: number): number {
  return physicalTop + index * rowHeight - logicalTop;
}

/** The logical offset that brings row `index` fully into view, or null if it already is. */
export function logicalTopToReveal(g: WindowGeometry, index: number, logicalTop: number): number | null {
  const rowTop = index * g.rowHeight;
  const rowBottom = rowTop + g.rowHeight;
  if (rowTop < logicalTop) return clampLogicalTop(g, rowTop);
  if (rowBottom > logicalTop + g.viewportHeight) return clampLogicalTop(g, rowBottom - g.viewportHeight);
  return null;
}
