/**
 * The bench's simulator stores what an import would. Its events, put through the app's
 * normalisers again from their raw text (the path a file import takes: parse, guess the source,
 * normalise), come out the same, and keep the action and outcome mix the simulator meant to
 * make. Every Okta event type it draws is one okta.ts classifies, except a short list kept on
 * purpose, so a bench-side classifier that disagrees with the app cannot come back.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../main/domain/event.ts';
import { guessSourceKind, normalizerFor } from '../../main/ingest/sources/index.ts';
import { addCounts, addToMix, emptyMix } from './event-mix.ts';
import { buildWorld, generateEvents, generateTenant, type SimOptions } from './generate-events.ts';
import { ACTIONS, UNCLASSIFIED_BY_APP } from './okta-actions.ts';

const OPTS: SimOptions = { total: 20_000, seed: 7, end: Date.UTC(2025, 5, 1), batchBytes: 1024 * 1024 };

/** An event type's category and activity as okta.ts gives them, from a minimal record. */
function classifiedByApp(action: string): Pick<NormalizedEvent, 'category' | 'activity'> {
  const obj = { uuid: 'u1', published: '2025-01-01T00:00:00.000Z', eventType: action };
  return normalizerFor('okta')(JSON.stringify(obj), obj);
}

describe('the bench simulator', () => {
  it('its events, normalised again from the raw text, are the same events and keep the mix it reports', () => {
    const stored = emptyMix();
    const reparsed = emptyMix();
    const intendedActions = new Map<string, number>();
    const intendedOutcomes = new Map<string, number>();
    const differing: string[] = [];
    const misclassed: string[] = [];
    for (const batch of generateEvents(OPTS)) {
      addCounts(intendedActions, batch.intended.actions);
      addCounts(intendedOutcomes, batch.intended.outcomes);
      for (const e of batch.events) {
        addToMix(stored, e);
        const obj: unknown = JSON.parse(e.raw);
        const kind = guessSourceKind(obj);
        if (kind === null) throw new Error(`no source recognised for ${e.raw}`);
        const again = normalizerFor(kind)(e.raw, obj);
        addToMix(reparsed, again);
        if (!isDeepStrictEqual(again, e)) differing.push(e.sourceId);
        if ((again.category === 'other') !== UNCLASSIFIED_BY_APP.has(again.action)) misclassed.push(`${again.action} → ${again.category}`);
      }
    }
    expect(differing).toEqual([]);
    expect(misclassed).toEqual([]);
    expect(reparsed.total).toBe(OPTS.total);
    expect(reparsed).toEqual(stored);
    expect(reparsed.actions).toEqual(intendedActions);
    expect(reparsed.outcomes).toEqual(intendedOutcomes);
    // A real mix, not a degenerate one: most drawn types present, every outcome, several categories.
    expect(reparsed.actions.size).toBeGreaterThan(ACTIONS.length * 0.9);
    expect([...reparsed.outcomes.keys()].sort()).toEqual(['failure', 'success', 'unknown']);
    expect(reparsed.categories.size).toBeGreaterThanOrEqual(8);
  });

  it('every drawn Okta event type gets a category from okta.ts, except exactly the ones listed as unclassified on purpose', () => {
    const drawn = new Set(ACTIONS.map((d) => d.action));
    expect(drawn.size).toBe(ACTIONS.length);
    const fallbacks = ACTIONS.map((d) => d.action).filter((a) => classifiedByApp(a).category === 'other');
    expect(fallbacks.sort()).toEqual([...UNCLASSIFIED_BY_APP].sort());
    for (const a of UNCLASSIFIED_BY_APP) expect(drawn.has(a)).toBe(true);
  });

  it('the same options give the same bytes; another seed gives other events', () => {
    const raws = (seed: number) => [...generateEvents({ ...OPTS, total: 2_000, seed })].flatMap((b) => b.events.map((e) => e.raw));
    const first = raws(7);
    expect(raws(7)).toEqual(first);
    const other = new Set(raws(8));
    expect(first.filter((r) => other.has(r))).toEqual([]);
  });

  it('one tenant generated alone gives the same events as in the full run', () => {
    const opts = { ...OPTS, total: 3_000 };
    const world = buildWorld(opts);
    const tenant = world.tenants[3]!;
    const inFullRun = [...generateEvents(opts, world)].filter((b) => b.tenant === tenant).flatMap((b) => b.events);
    const alone = [...generateTenant(world, tenant, opts.batchBytes)].flatMap((b) => b.events);
    expect(alone.length).toBe(tenant.eventCount);
    expect(alone).toEqual(inFullRun);
  });
});
