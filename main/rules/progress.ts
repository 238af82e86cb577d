/**
 * What a rule run reports as it goes: rule i of n, what is running, and the findings so far.
 * run.ts calls `onProgress(done, total, findings, running)` before each rule or sweep it runs
 * (naming it: "179 detection rules" while they run together, then each SQL rule and
 * correlation) and once at the end.
 */
export interface RuleRunProgress {
  done: number;
  total: number;
  /** What is running now: a rule's title, or the detection rules running together (null once all are done). */
  rule: string | null;
  findings: number | null;
}

/** An onProgress for runRules that turns its counts and the name of what runs into a RuleRunProgress for `report`. */
export function progressReporter(report: (p: RuleRunProgress) => void): (done: number, total: number, findings?: number, running?: string) => void {
  return (done, total, findings, running) => report({ done, total, rule: done >= total ? null : (running ?? null), findings: findings ?? null });
}
