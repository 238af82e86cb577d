/**
 * Correlation over the events the referenced rules matched, in sliding windows per group
 * (the tenant and the group-by values). A window starts at each event and spans `timespan`;
 * when it satisfies the condition it becomes a finding and the next window starts after it,
 * so one burst gives one finding. Events lacking a group-by field are left out of the groups.
 */
import { conditionHolds, type CorrelationSpec } from './correlation-spec.ts';
import { sigmaNum } from './functions.ts';
import { firstValue } from './event-values.ts';

export interface MatchedEvent {
  /** Index of the referenced rule in spec.rules. */
  rule: number;
  /** The referenced rule's name, for aliases. */
  ruleName: string | null;
  id: number;
  ts: number;
  tenantId: number;
  event: unknown;
}

export interface CorrelationHit {
  tenantId: number;
  from: number;
  to: number;
  eventIds: number[];
  group: Record<string, string>;
  /** What was counted: events, distinct values, sum, average or rules seen. */
  measure: number;
}

function fieldFor(spec: CorrelationSpec, name: string, ev: MatchedEvent): string {
  const alias = spec.aliases[name];
  if (!alias) return name;
  return (ev.ruleName !== null && alias[ev.ruleName]) || name;
}

function measure(spec: CorrelationSpec, events: readonly MatchedEvent[]): number {
  if (spec.type === 'event_count') return events.length;
  if (spec.type === 'temporal' || spec.type === 'temporal_ordered') return new Set(events.map((e) => e.rule)).size;
  const values = events.map((e) => firstValue(e.event, fieldFor(spec, spec.field!, e))).filter((v): v is string => v !== null);
  if (spec.type === 'value_count') return new Set(values).size;
  const nums = values.map(sigmaNum).filter((n): n is number => n !== null);
  const sum = nums.reduce((a, b) => a + b, 0);
  return spec.type === 'value_sum' ? sum : nums.length ? sum / nums.length : 0;
}

/** temporal_ordered: the earliest chain rule 0 → 1 → … inside the window, or null. */
function orderedChain(events: readonly MatchedEvent[], n: number): MatchedEvent[] | null {
  const chain: MatchedEvent[] = [];
  for (const ev of events) {
    if (ev.rule === chain.length) chain.push(ev);
    if (chain.length === n) return chain;
  }
  return null;
}

function windowHolds(spec: CorrelationSpec, win: readonly MatchedEvent[]): { ok: boolean; events: readonly MatchedEvent[]; m: number } {
  if (spec.type === 'temporal_ordered') {
    if (win[0]?.rule !== 0) return { ok: false, events: win, m: 0 };
    const chain = orderedChain(win, spec.rules.length);
    if (!chain) return { ok: false, events: win, m: 0 };
    const ok = spec.condition.length ? conditionHolds(spec.condition, spec.rules.length) : true;
    return { ok, events: win.filter((e) => e.ts <= chain.at(-1)!.ts), m: spec.rules.length };
  }
  const m = measure(spec, win);
  if (spec.type === 'temporal') {
    return { ok: spec.condition.length ? conditionHolds(spec.condition, m) : m === spec.rules.length, events: win, m };
  }
  return { ok: conditionHolds(spec.condition, m), events: win, m };
}

export function correlate(spec: CorrelationSpec, matched: readonly MatchedEvent[]): CorrelationHit[] {
  const groups = new Map<string, { group: Record<string, string>; tenantId: number; events: MatchedEvent[] }>();
  for (const ev of matched) {
    const group: Record<string, string> = {};
    let complete = true;
    for (const g of spec.groupBy) {
      const v = firstValue(ev.event, fieldFor(spec, g, ev));
      if (v === null) complete = false;
      else group[g] = v;
    }
    if (!complete) continue;
    const key = JSON.stringify([ev.tenantId, ...spec.groupBy.map((g) => group[g])]);
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { group, tenantId: ev.tenantId, events: [] }));
    entry.events.push(ev);
  }
  const hits: CorrelationHit[] = [];
  for (const { group, tenantId, events } of groups.values()) {
    events.sort((a, b) => a.ts - b.ts || a.id - b.id);
    let i = 0;
    while (i < events.length) {
      let j = i;
      while (j < events.length && events[j]!.ts - events[i]!.ts <= spec.timespanMs) j++;
      const result = windowHolds(spec, events.slice(i, j));
      if (result.ok) {
        const ids = [...new Set(result.events.map((e) => e.id))];
        hits.push({ tenantId, from: result.events[0]!.ts, to: result.events.at(-1)!.ts, eventIds: ids, group, measure: result.m });
        i += result.events.length;
      } else i++;
    }
  }
  return hits.sort((a, b) => a.from - b.from);
}
