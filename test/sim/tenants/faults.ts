/**
 * Fault injection for the tenant simulator: every `every`-th list request gets the next fault of
 * `kinds`, in turn, so a run is the same on every machine. What each fault does to the answer:
 * - rate-limit: the protocol's own rate-limit answer (429, or GitHub's 403) with its headers;
 * - server-error: a 500;
 * - slow: the right answer after `slowMs` (real time);
 * - drop: headers and half the body, then the socket is destroyed;
 * - truncate: half the JSON body, with a Content-Length that matches it;
 * - repeat: the right page, but its next link points at the same page again.
 */
export type FaultKind = 'rate-limit' | 'server-error' | 'slow' | 'drop' | 'truncate' | 'repeat';

export const ALL_FAULTS: readonly FaultKind[] = ['rate-limit', 'server-error', 'slow', 'drop', 'truncate', 'repeat'];

export interface FaultPlan {
  every: number;
  kinds: readonly FaultKind[];
  slowMs?: number;
}

export class Faults {
  readonly plan: FaultPlan | null;
  readonly injected: Record<FaultKind, number> = { 'rate-limit': 0, 'server-error': 0, slow: 0, drop: 0, truncate: 0, repeat: 0 };
  private requests = 0;
  private turn = 0;

  constructor(plan: FaultPlan | null) {
    if (plan !== null && (!Number.isInteger(plan.every) || plan.every < 2 || plan.kinds.length === 0)) {
      throw new Error('A fault plan needs every >= 2 (a retry must be able to succeed) and at least one kind.');
    }
    this.plan = plan;
  }

  /** The fault for the next list request, or null. */
  next(): FaultKind | null {
    if (this.plan === null) return null;
    this.requests++;
    if (this.requests % this.plan.every !== 0) return null;
    const kind = this.plan.kinds[this.turn++ % this.plan.kinds.length]!;
    this.injected[kind]++;
    return kind;
  }

  total(): number {
    return Object.values(this.injected).reduce((a, b) => a + b, 0);
  }
}
