/**
 * A rule run reports rule i of n with the rule's title as it goes (rules.progress, polled as the
 * page polls it), and rules.cancel stops it: the run answers cancelled, keeps no findings, and
 * the previous run stays the latest. One run at a time.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleHandlers } from '../../../main/api/rule-handlers.ts';
import { progressReporter, type RuleRunProgress } from '../../../main/rules/progress.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { ALL, openRuleWorkspace, writePack, type RuleWorkspace } from './rule-run-fixture.ts';

let ws: RuleWorkspace;
let slowPack: string;

beforeAll(async () => {
  const dir = tempDir();
  ws = await openRuleWorkspace(dir, writePack(join(dir, 'pack')));
  slowPack = writePack(join(dir, 'slow-pack'), { slow: true });
}, 120_000);

afterAll(async () => {
  await ws.store.close();
  removeTempDirs();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('rule run progress', () => {
  it('reports rule i of n with what runs, never going back, then the end', async () => {
    const seen: RuleRunProgress[] = [];
    const out = await ws.store.read('rulesRun', { dir: slowPack, view: ALL, ruleIds: ['5e551011-0000-4000-8000-000000000001', '5e551011-0000-4000-8000-000000000002'] }, {
      onProgress: (p) => seen.push(p as RuleRunProgress),
    });
    expect(out.cancelled).toBe(false);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ done: 2, total: 2, rule: null });
    // The findings so far are the engine's to count; when it does, the last count is every finding.
    if (last.findings !== null) expect(last.findings).toBe(out.findings.length);
    const during = seen.slice(0, -1);
    expect(during.length).toBeGreaterThan(0);
    for (const p of during) expect(p).toMatchObject({ total: 2, done: expect.any(Number), rule: expect.stringMatching(/\S/) });
    expect(during.every((p) => p.done < 2)).toBe(true);
    const dones = seen.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((x, y) => x - y));
  });

  it('shows the rule running; cancel stops it, which answers cancelled and keeps nothing', async () => {
    const first = await ws.rules['rules.run']({ view: ALL }, {});
    expect(first.runId).not.toBeNull();
    expect(first.findings.length).toBeGreaterThan(0);

    const slow = ruleHandlers(ws.store, slowPack, `${ws.workspacePath}.rules`);
    const running = slow['rules.run']({ view: ALL }, {});
    const progress = await until(() => slow['rules.progress']({}, {}), (p) => p.rule === 'Runs until cancelled');
    expect(progress).toMatchObject({ running: true, total: 3 });
    expect(progress.done).toBeLessThan(3);
    expect(progress.startedAt).toEqual(expect.any(Number));
    await expect(slow['rules.run']({ view: ALL }, {})).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/already running/) });

    expect(await slow['rules.cancel']({}, {})).toEqual({ cancelled: true });
    const out = await running;
    expect(out).toMatchObject({ runId: null, findings: [], cancelled: true });
    expect(await slow['rules.progress']({}, {})).toMatchObject({ running: false });
    expect(await slow['rules.cancel']({}, {})).toEqual({ cancelled: false });

    const latest = await ws.rules['findings.list']({}, {});
    expect(latest.runId).toBe(first.runId);
    expect(latest.findings).toHaveLength(first.findings.length);
  });

  it('a caller that goes away (a closed request) ends the call as cancelled, and the next run can start', async () => {
    const slow = ruleHandlers(ws.store, slowPack, `${ws.workspacePath}.rules`);
    const caller = new AbortController();
    const running = slow['rules.run']({ view: ALL }, { signal: caller.signal });
    await until(() => slow['rules.progress']({}, {}), (p) => p.rule === 'Runs until cancelled');
    caller.abort();
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(await slow['rules.progress']({}, {})).toMatchObject({ running: false });
    const again = await slow['rules.run']({ view: ALL, ruleIds: ['5e551011-0000-4000-8000-000000000001'] }, {});
    expect(again.cancelled).toBe(false);
    expect(again.findings.length).toBeGreaterThan(0);
  });

  it('passes through the findings so far and what the engine says is running, and names nothing once done', () => {
    const seen: RuleRunProgress[] = [];
    const report = progressReporter((p) => seen.push(p));
    report(1, 2, 7, 'B');
    report(0, 3);
    report(3, 3, 9, 'C');
    expect(seen).toEqual([
      { done: 1, total: 2, rule: 'B', findings: 7 },
      { done: 0, total: 3, rule: null, findings: null },
      { done: 3, total: 3, rule: null, findings: 9 },
    ]);
  });
});
