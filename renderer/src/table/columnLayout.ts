/**
 * Which columns the table shows, in what order and at what widths: a plain value changed only
 * by these functions, so the chooser, the header's drags and the keyboard all agree, and a
 * stored layout read back is checked here before it is used (unknown columns are dropped).
 */
import { z } from 'zod';
import { columnById, DEFAULT_COLUMN_IDS } from './columnCatalog.ts';

export type ColumnLayout = {
  /** Shown columns, left to right. Never empty. */
  visible: readonly string[];
  /** Widths in px the user set by resizing; a column without one shares the room (its catalogue track). */
  widths: Readonly<Record<string, number>>;
};

export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 2_000;

export const DEFAULT_LAYOUT: ColumnLayout = { visible: DEFAULT_COLUMN_IDS, widths: {} };

const clampWidth = (px: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, px)));

/** Shows a hidden column (at the right end) or hides a shown one; the last shown column stays. */
export function toggleColumn(layout: ColumnLayout, id: string): ColumnLayout {
  if (!columnById(id)) return layout;
  if (!layout.visible.includes(id)) return { ...layout, visible: [...layout.visible, id] };
  if (layout.visible.length === 1) return layout;
  return { ...layout, visible: layout.visible.filter((c) => c !== id) };
}

/** Moves a shown column `delta` places left (−) or right (+), stopping at either end. */
export function moveColumn(layout: ColumnLayout, id: string, delta: number): ColumnLayout {
  const from = layout.visible.indexOf(id);
  if (from < 0) return layout;
  const to = Math.min(layout.visible.length - 1, Math.max(0, from + delta));
  if (to === from) return layout;
  const visible = layout.visible.filter((c) => c !== id);
  visible.splice(to, 0, id);
  return { ...layout, visible };
}

/** Puts `id` where `targetId` is (a drag dropped on its header): before it moving left, after it moving right. */
export function moveColumnTo(layout: ColumnLayout, id: string, targetId: string): ColumnLayout {
  const to = layout.visible.indexOf(targetId);
  const from = layout.visible.indexOf(id);
  if (from < 0 || to < 0) return layout;
  return moveColumn(layout, id, to - from);
}

export function resizeColumn(layout: ColumnLayout, id: string, px: number): ColumnLayout {
  if (!layout.visible.includes(id) || !Number.isFinite(px)) return layout;
  return { ...layout, widths: { ...layout.widths, [id]: clampWidth(px) } };
}

/** Each shown column's least width and its share of the rest: a set width is both, fixed. */
function sizes(layout: ColumnLayout): { min: string; share: string | null }[] {
  return layout.visible.map((id) => {
    const width = layout.widths[id];
    if (width !== undefined) return { min: `${width}px`, share: null };
    return columnById(id) ?? { min: '6rem', share: '1fr' };
  });
}

/** The CSS grid template for the shown columns: set widths in px, the others their shared tracks. */
export function gridTemplate(layout: ColumnLayout): string {
  return sizes(layout)
    .map(({ min, share }) => (share === null ? min : `minmax(${min}, ${share})`))
    .join(' ');
}

/** The least width the shown columns need, so rows wider than the table scroll sideways whole. */
export function gridMinWidth(layout: ColumnLayout): string {
  return `calc(${sizes(layout).map((s) => s.min).join(' + ')})`;
}

const storedSchema = z.object({
  visible: z.array(z.string()).max(200),
  widths: z.record(z.string(), z.number()),
});

/** A stored layout made safe: known columns only, each once, widths clamped; null if nothing usable is left. */
export function parseLayout(stored: unknown): ColumnLayout | null {
  const parsed = storedSchema.safeParse(stored);
  if (!parsed.success) return null;
  const visible = [...new Set(parsed.data.visible)].filter((id) => columnById(id));
  if (visible.length === 0) return null;
  const widths: Record<string, number> = {};
  for (const [id, px] of Object.entries(parsed.data.widths)) {
    if (visible.includes(id) && Number.isFinite(px)) widths[id] = clampWidth(px);
  }
  return { visible, widths };
}
