/**
 * The result over time, above the table (uPlot bars): empty buckets drawn as gaps, bursts as
 * bursts. Drag across it to make that span the range; click a bar to narrow to its bucket. Time
 * labels follow the UTC/local switch. From the keyboard (Tab to it): ←/→ pick a bar, Shift widens,
 * Enter narrows (format/barSelection.ts). The chart sits outside the rows' path: it never holds
 * them up, and a failure shows a sentence in its place.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useShallow } from 'zustand/react/shallow';
import { moveBars, spanCount, spanRange, type BarSpan } from '../format/barSelection.ts';
import { formatCount } from '../format/count.ts';
import { bucketRange, dragRange, histogramSeries } from '../format/histogramData.ts';
import { formatTs, type TimeZoneMode } from '../format/time.ts';
import { useAppStore } from '../state/store.ts';
import { useColorScheme } from '../hooks/useColorScheme.ts';
import './Histogram.css';

const HEIGHT = 96;

function tzDateFor(mode: TimeZoneMode) {
  return (ts: number) => (mode === 'utc' ? uPlot.tzDate(new Date(ts), 'Etc/UTC') : new Date(ts));
}

/**
 * What the time axis says, as [tick time, label] pairs in `data-axis-ticks`: the labels are
 * drawn on a canvas, which tests (and assistive tools) cannot read. uPlot keeps the drawn ticks
 * on the axis but does not type them; if it ever stops, the attribute just stays empty.
 */
function recordTimeTicks(plot: uPlot, element: HTMLElement): void {
  const { _splits: splits, _values: labels } = plot.axes[0] as { _splits?: unknown; _values?: unknown };
  if (!Array.isArray(splits) || !Array.isArray(labels)) return;
  element.dataset.axisTicks = JSON.stringify(splits.map((ts: unknown, i) => [ts, labels[i] as unknown]));
}

export function Histogram() {
  const { histogram, status, error, timeZone, setCustomRange } = useAppStore(
    useShallow((s) => ({
      histogram: s.histogram,
      status: s.histogramStatus,
      error: s.histogramError,
      timeZone: s.timeZone,
      setCustomRange: s.setCustomRange,
    })),
  );
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // The axes' colour is read from the theme when the chart is made: make it again when the OS switches.
  const colorScheme = useColorScheme();
  // Handlers built once read the latest histogram through a ref.
  const live = useRef(histogram);
  live.current = histogram;
  const series = useMemo(() => (histogram ? histogramSeries(histogram.buckets, histogram.bucketMs) : [[], []]), [histogram]);
  const [bars, setBars] = useState<BarSpan | null>(null);
  const barsRange = bars && histogram ? spanRange(bars, series[0], histogram.bucketMs) : null;
  useEffect(() => setBars(null), [histogram]);

  useLayoutEffect(() => {
    const element = host.current;
    if (!element || !histogram || histogram.buckets.length === 0) return;
    const [xs, ys] = histogramSeries(histogram.buckets, histogram.bucketMs);
    const bucketMs = histogram.bucketMs;
    // Canvas colours cannot be CSS variables: read the theme's value.
    const muted = getComputedStyle(element).getPropertyValue('--text-muted').trim() || '#888';
    let dragged = false;
    const plot = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        ms: 1,
        tzDate: tzDateFor(timeZone),
        legend: { show: false },
        cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
        scales: { x: { time: true, range: (_u, min, max) => [min, max + bucketMs] } },
        axes: [
          { stroke: muted, grid: { show: false }, size: 28 },
          { stroke: muted, size: 44, ticks: { show: false }, grid: { stroke: 'rgb(128 128 128 / 15%)' } },
        ],
        series: [
          {},
          {
            label: 'Events',
            fill: 'rgb(90 140 220 / 55%)',
            stroke: 'rgb(90 140 220)',
            paths: uPlot.paths.bars!({ size: [1, Infinity], align: 1, gap: 1 }),
            points: { show: false },
          },
        ],
        hooks: {
          drawAxes: [(u) => recordTimeTicks(u, element)],
          setSelect: [
            (u) => {
              const current = live.current;
              if (!current || u.select.width < 3) return;
              dragged = true;
              const a = u.posToVal(u.select.left, 'x');
              const b = u.posToVal(u.select.left + u.select.width, 'x');
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              const origin = current.buckets[0]!.start;
              const range = dragRange(a, b, origin, current.bucketMs);
              if (range) setCustomRange(range);
            },
          ],
        },
      },
      [xs, ys],
      element,
    );
    // A click (not the end of a drag) narrows to the bucket under the pointer.
    const onClick = (e: MouseEvent) => {
      if (dragged) {
        dragged = false;
        return;
      }
      const at = plot.posToVal(e.offsetX, 'x');
      const idx = xs.findIndex((start) => at >= start && at < start + bucketMs);
      if (idx >= 0 && (ys[idx] ?? 0) > 0) setCustomRange(bucketRange(xs[idx]!, bucketMs));
    };
    plot.over.addEventListener('click', onClick);
    chart.current = plot;
    return () => {
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
      delete element.dataset.axisTicks;
      chart.current = null;
    };
  }, [histogram, timeZone, setCustomRange, colorScheme]);

  // The keyboard's bars drawn as uPlot's own selection (without firing the drag's hook).
  useEffect(() => {
    const plot = chart.current;
    if (!plot) return;
    if (!barsRange) return plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    const left = plot.valToPos(barsRange.from, 'x');
    plot.setSelect({ left, top: 0, width: Math.max(2, plot.valToPos(barsRange.to, 'x') - left), height: plot.over.clientHeight }, false);
  }, [barsRange?.from, barsRange?.to, histogram, timeZone, colorScheme]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && barsRange) {
      e.preventDefault();
      setCustomRange(barsRange);
    } else if (e.key === 'Escape' && bars) {
      e.preventDefault();
      e.stopPropagation();
      setBars(null);
    } else {
      const next = moveBars(bars, e.key, e.shiftKey, series[0].length);
      if (!next) return;
      e.preventDefault();
      setBars(next);
    }
  };

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const observer = new ResizeObserver(() => chart.current?.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const total = histogram?.buckets.reduce((n, b) => n + b.count, 0) ?? 0;
  const first = histogram?.buckets[0]?.start;
  const last = histogram?.buckets.at(-1);
  const summary =
    histogram && first !== undefined && last
      ? `${formatCount(total)} events from ${formatTs(first, timeZone)} to ${formatTs(last.start + histogram.bucketMs, timeZone)}, ${histogram.bucketMs / 60_000} minutes a bar`
      : '';

  return (
    <div
      className="histogram"
      data-testid="histogram"
      data-status={status}
      data-bucket-ms={histogram?.bucketMs}
      aria-label={`${summary || 'Events over time'}. Arrow keys pick a bar, Shift widens, Enter narrows the range to it.`}
      title="Drag to select a time range; click a bar to narrow to it (or Tab here: ←/→, Shift, Enter)"
      tabIndex={series[0].length > 0 ? 0 : undefined}
      onKeyDown={onKeyDown}
      onBlur={() => setBars(null)}
    >
      <div ref={host} className="histogram-plot" data-testid="histogram-plot" />
      {bars && barsRange && (
        <div className="histogram-keys" data-testid="histogram-keys" role="status">
          {formatTs(barsRange.from, timeZone)} – {formatTs(barsRange.to, timeZone)}: {formatCount(spanCount(bars, series[1]))} events. Enter narrows to them.
        </div>
      )}
      {status === 'error' && <div className="histogram-note" role="status">The chart could not be drawn: {error} The table below is unaffected.</div>}
      {status === 'ready' && histogram?.buckets.length === 0 && <div className="histogram-note">No events in this view to chart.</div>}
    </div>
  );
}
