/**
 * What a rule run reports as it goes: rule i of n, its title, and the findings so far. run.ts
 * calls `onProgress(done, total)` before each rule it runs (and once at the end); the titles are
 * the usable rules in the order run.ts runs them (file order, narrowed to the ids asked for).
 * A third argument, the findings so far, is used when the engine passes it; else it is null.
 */
import type { LoadedRule } from './load.ts';

export interface RuleRunProgress {
  done: number;
  total: number;
  /** The title of the rule running now (null once all are done). */
  rule: string | null;
  findings: number | null;
}

const RUNNABLE = new Set(['detection', 'correlation', 'sql']);

/** The titles of the rules a run of `selected` (all usable rules when absent) goes through, in order. */
export function runOrderTitles(rules: readonly LoadedRule[], selected?: readonly string[]): string[] {
  return rules.filter((r) => RUNNABLE.has(r.kind) && (!selected || selected.includes(r.id))).map((r) => r.title);
}

/** An onProgress for runRules that turns its counts into a RuleRunProgress for `report`. */
export function progressReporter(
  titles: readonly string[],
  report: (p: RuleRunProgress) => void,
): (done: number, total: number, findings?: number, running?: string) => void {
  return (done, total, findings, running) => {
    // The engine names what runs when it can (many detection rules run together); else the title
    // by position, and if the engine's order ever differs in length from ours, nothing rather than a wrong title.
    const rule = done >= total ? null : running ?? (titles.length === total ? (titles[done] ?? null) : null);
    report({ done, total, rule, findings: findings ?? null });
  };
}
