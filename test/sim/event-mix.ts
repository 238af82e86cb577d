/**
 * Counts of a set of events by action, category, activity and outcome: what the bench reports it
 * stored, and what the mix test compares with the same events put through the normalisers again.
 */
import type { NormalizedEvent } from '../../main/domain/event.ts';

export interface EventMix {
  total: number;
  actions: Map<string, number>;
  categories: Map<string, number>;
  activities: Map<string, number>;
  outcomes: Map<string, number>;
}

export function emptyMix(): EventMix {
  return { total: 0, actions: new Map(), categories: new Map(), activities: new Map(), outcomes: new Map() };
}

const bump = (m: Map<string, number>, key: string, by = 1) => m.set(key, (m.get(key) ?? 0) + by);

export function addToMix(mix: EventMix, e: NormalizedEvent): void {
  mix.total++;
  bump(mix.actions, e.action);
  bump(mix.categories, e.category);
  bump(mix.activities, e.activity);
  bump(mix.outcomes, e.outcome);
}

/** Adds counts kept elsewhere (a key → count map) into one of the mix's maps. */
export function addCounts(into: Map<string, number>, counts: ReadonlyMap<string, number>): void {
  for (const [k, n] of counts) bump(into, k, n);
}

/** `key 12.3 %` for the `top` biggest keys, biggest first (ties by name, so the line is stable). */
export function shares(counts: ReadonlyMap<string, number>, total: number, top = counts.size): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, top)
    .map(([k, n]) => `${k} ${((n / Math.max(total, 1)) * 100).toFixed(1)} %`)
    .join(', ');
}
