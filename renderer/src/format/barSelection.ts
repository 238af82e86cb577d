/**
 * The histogram from the keyboard: ←/→ move to a bar, Shift+←/→ widen the span of bars, Home/End
 * and PageUp/PageDown jump; Enter then narrows the range to the span, in whole buckets like a
 * click or a drag. A span is two bar indexes: where it was started (anchor) and where it is now (head).
 */
export type BarSpan = { anchor: number; head: number };

const PAGE_BARS = 10;

/** The span after `key`, or undefined when the key is not one of the histogram's. */
export function moveBars(span: BarSpan | null, key: string, shift: boolean, bars: number): BarSpan | undefined {
  if (bars === 0) return undefined;
  // The first key lands on the newest bar (the table's first rows), Home on the oldest.
  const head = span?.head ?? bars - 1;
  const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, PageUp: -PAGE_BARS, PageDown: PAGE_BARS, Home: -bars, End: bars };
  const delta = step[key];
  if (delta === undefined) return undefined;
  const moved = span === null && (key === 'ArrowLeft' || key === 'ArrowRight') ? head : Math.min(bars - 1, Math.max(0, head + delta));
  return { anchor: shift && span ? span.anchor : moved, head: moved };
}

/** The time range of the span: from its first bar's start to its last bar's end. */
export function spanRange(span: BarSpan, starts: readonly number[], bucketMs: number): { from: number; to: number } {
  const lo = Math.min(span.anchor, span.head);
  const hi = Math.max(span.anchor, span.head);
  return { from: starts[lo]!, to: starts[hi]! + bucketMs };
}

/** Events in the span's bars. */
export function spanCount(span: BarSpan, counts: readonly number[]): number {
  let n = 0;
  for (let i = Math.min(span.anchor, span.head); i <= Math.max(span.anchor, span.head); i++) n += counts[i] ?? 0;
  return n;
}
