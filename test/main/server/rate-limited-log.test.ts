/** The host's log cannot be flooded: one line per event, a bounded number per window, then a count. */
import { describe, expect, it } from 'vitest';
import { oneLine, RateLimitedLog } from '../../../main/server/rate-limited-log.ts';

describe('RateLimitedLog', () => {
  it('writes at most maxPerWindow lines per window, then says how many it suppressed', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new RateLimitedLog((l) => lines.push(l), { maxPerWindow: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 50; i++) log.line(`event ${i}`);
    expect(lines).toEqual(['event 0', 'event 1', 'event 2']);
    now = 60_000;
    log.line('later');
    expect(lines.slice(3)).toEqual(['[trailkeeper] 47 more log line(s) like the above were suppressed in the last 60 s', 'later']);
  });

  it('folds a multi-line message onto one bounded line', () => {
    const folded = oneLine('Error: x\n    at a (f.ts:1)\n    at b (g.ts:2)');
    expect(folded).toBe('Error: x | at a (f.ts:1) | at b (g.ts:2)');
    expect(oneLine('y'.repeat(1000)).length).toBeLessThanOrEqual(401);
  });
});
