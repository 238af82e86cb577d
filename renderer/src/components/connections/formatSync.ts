/** Short phrases for sync times: "3 min ago", "lag 2 h", as a person reads a status table. */

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

export function formatAgo(ts: number | null, now: number): string {
  if (ts === null) return 'never';
  return `${formatDuration(Math.max(0, now - ts))} ago`;
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? '' : `${Math.round(fraction * 100)}%`;
}
