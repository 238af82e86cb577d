/**
 * The API's histogram (non-empty buckets only) as chart series: every bucket of the span, empty
 * ones as 0, so gaps show as gaps and bursts as bursts; and the time range a bucket or a dragged
 * span stands for, in whole buckets.
 */
export type Bucket = { start: number; count: number };

/** Series for uPlot: x = bucket starts (ms), y = counts. Gaps are filled up to `maxFilled` buckets. */
export function histogramSeries(buckets: readonly Bucket[], bucketMs: number, maxFilled = 5_000): [number[], number[]] {
  if (buckets.length === 0) return [[], []];
  const first = buckets[0]!.start;
  const last = buckets[buckets.length - 1]!.start;
  const span = Math.round((last - first) / bucketMs) + 1;
  if (span > maxFilled) return [buckets.map((b) => b.start), buckets.map((b) => b.count)];
  const xs = Array.from({ length: span }, (_, i) => first + i * bucketMs);
  const ys = new Array<number>(span).fill(0);
  for (const b of buckets) ys[Math.round((b.start - first) / bucketMs)] = b.count;
  return [xs, ys];
}

/** The range of one bucket: [start, start + bucketMs). */
export function bucketRange(start: number, bucketMs: number): { from: number; to: number } {
  return { from: start, to: start + bucketMs };
}

/**
 * The range a drag from time `a` to time `b` selects, widened to whole buckets so the count
 * the chart showed for them is the count the table gets. Null for a drag inside one bucket.
 */
export function dragRange(a: number, b: number, origin: number, bucketMs: number): { from: number; to: number } | null {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const from = origin + Math.floor((lo - origin) / bucketMs) * bucketMs;
  const to = origin + Math.ceil((hi - origin) / bucketMs) * bucketMs;
  return to - from > bucketMs ? { from, to } : null;
}
