/**
 * The correlation examples of the Sigma specification (test/fixtures/sigma/spec-examples) load,
 * and behave as the specification says on generated events: counts, distinct values, sums and
 * averages per group within the timespan, temporal and ordered temporal proximity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigma, type LoadedRule } from '../../../main/rules/load.ts';
import { runRules } from '../../../main/rules/run.ts';
import { sigmaHarness } from '../../support/sigma-harness.ts';

const EXAMPLES = join(import.meta.dirname, '../../fixtures/sigma/spec-examples');
const example = (name: string): LoadedRule[] => loadSigma(readFileSync(join(EXAMPLES, name), 'utf8'), name);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A base detection rule with the given id and name, matching `kind: <value>`. */
function baseRule(id: string, value: string, name = id): LoadedRule[] {
  return loadSigma(`title: ${value}\nid: ${id}\nname: ${name}\nlogsource: {product: okta}\ndetection:\n  sel: {kind: ${value}}\n  condition: sel\n`, `${id}.yml`);
}

function run(rules: LoadedRule[], events: { ts: number; ev: Record<string, unknown> }[]) {
  const h = sigmaHarness();
  h.load(events.map((e) => e.ev), 'okta', events.map((e) => e.ts));
  return runRules(h.db, rules, { viewWhere: '1', viewParams: [] });
}

const FAILED = '5638f7c0-ac70-491d-8465-2a65075e0d86';

describe('Sigma correlation examples of the specification', () => {
  it('event_count: ≥ 100 failed logins on one ComputerName within 1h', () => {
    const rules = [...example('event_count.yml'), ...baseRule(FAILED, 'failed')];
    const events = [
      // 100 failures on host-a within 50 minutes: one finding.
      ...Array.from({ length: 100 }, (_, i) => ({ ts: i * 30_000, ev: { kind: 'failed', ComputerName: 'host-a' } })),
      // 99 on host-b within the hour, and one more two hours later: none.
      ...Array.from({ length: 99 }, (_, i) => ({ ts: i * 30_000, ev: { kind: 'failed', ComputerName: 'host-b' } })),
      { ts: 3 * HOUR, ev: { kind: 'failed', ComputerName: 'host-b' } },
      // 100 on host-c spread over 200 minutes: none.
      ...Array.from({ length: 100 }, (_, i) => ({ ts: i * 2 * MIN, ev: { kind: 'failed', ComputerName: 'host-c' } })),
      // Other events on host-a do not count.
      ...Array.from({ length: 5 }, (_, i) => ({ ts: i, ev: { kind: 'ok', ComputerName: 'host-a' } })),
    ];
    const out = run(rules, events);
    expect(out.problems).toEqual([]);
    expect(out.findings.map((f) => [f.title, f.group, f.measure, f.eventIds.length])).toEqual([['Many failed logins', { ComputerName: 'host-a' }, 100, 100]]);
  });

  it('event_count with ECS taxonomy groups by a dotted field', () => {
    const rules = [...example('event_count_ecs.yml'), ...baseRule(FAILED, 'failed')];
    const events = Array.from({ length: 120 }, (_, i) => ({ ts: i * 1000, ev: { kind: 'failed', dns: { question: { name: i < 100 ? 'evil.example' : 'ok.example' } } } }));
    const out = run(rules, events);
    expect(out.findings.map((f) => [f.group, f.measure])).toEqual([[{ 'dns.question.name': 'evil.example' }, 100]]);
  });

  it('value_count: ≥ 100 distinct User per ComputerName and WorkstationName within 1d', () => {
    const rules = [...example('value_count.yml'), ...baseRule(FAILED, 'failed')];
    const events = [
      ...Array.from({ length: 100 }, (_, i) => ({ ts: i * MIN, ev: { kind: 'failed', ComputerName: 'a', WorkstationName: 'w', User: `u${i}` } })),
      // 200 events but only 10 users: none.
      ...Array.from({ length: 200 }, (_, i) => ({ ts: i * MIN, ev: { kind: 'failed', ComputerName: 'b', WorkstationName: 'w', User: `u${i % 10}` } })),
    ];
    const out = run(rules, events);
    expect(out.findings.map((f) => [f.group, f.measure])).toEqual([[{ ComputerName: 'a', WorkstationName: 'w' }, 100]]);
  });

  it('temporal: recon a, b and c by one ComputerName and User within 5m, in any order', () => {
    const rules = [...example('temporal.yml'), ...baseRule('ra', 'a', 'recon_cmd_a'), ...baseRule('rb', 'b', 'recon_cmd_b'), ...baseRule('rc', 'c', 'recon_cmd_c')];
    const who = { ComputerName: 'h', User: 'u' };
    const events = [
      { ts: 0, ev: { kind: 'c', ...who } }, { ts: MIN, ev: { kind: 'a', ...who } }, { ts: 2 * MIN, ev: { kind: 'b', ...who } },
      // Another user: a and b only. A third: a, b, c but 10 minutes apart.
      { ts: 0, ev: { kind: 'a', ComputerName: 'h', User: 'v' } }, { ts: MIN, ev: { kind: 'b', ComputerName: 'h', User: 'v' } },
      { ts: 0, ev: { kind: 'a', ComputerName: 'h', User: 'w' } }, { ts: 10 * MIN, ev: { kind: 'b', ComputerName: 'h', User: 'w' } }, { ts: 20 * MIN, ev: { kind: 'c', ComputerName: 'h', User: 'w' } },
    ];
    const out = run(rules, events);
    expect(out.findings.map((f) => [f.title, f.group, f.eventIds])).toEqual([['Recon', who, [1, 2, 3]]]);
  });

  it('temporal_ordered: a, then b, then c', () => {
    const rules = [...example('temporal_ordered.yml'), ...baseRule('ra', 'a', 'recon_cmd_a'), ...baseRule('rb', 'b', 'recon_cmd_b'), ...baseRule('rc', 'c', 'recon_cmd_c')];
    const events = [
      // In order for u: found.
      { ts: 0, ev: { kind: 'a', ComputerName: 'h', User: 'u' } }, { ts: MIN, ev: { kind: 'b', ComputerName: 'h', User: 'u' } }, { ts: 2 * MIN, ev: { kind: 'c', ComputerName: 'h', User: 'u' } },
      // c, b, a for v: not found.
      { ts: 0, ev: { kind: 'c', ComputerName: 'h', User: 'v' } }, { ts: MIN, ev: { kind: 'b', ComputerName: 'h', User: 'v' } }, { ts: 2 * MIN, ev: { kind: 'a', ComputerName: 'h', User: 'v' } },
    ];
    const out = run(rules, events);
    expect(out.findings.map((f) => [f.group, f.eventIds])).toEqual([[{ ComputerName: 'h', User: 'u' }, [1, 2, 3]]]);
  });

  it('value_sum and value_avg compare the sum and the average of a number field', () => {
    const sum = [...example('value_sum.yml'), ...baseRule('website_access', 'web')];
    const sent = (ts: number, ip: string, bytes: number | string) => ({ ts, ev: { kind: 'web', SourceIP: ip, User: 'u', bytes_sent: bytes, BytesOut: bytes } });
    const events = [sent(0, '10.0.0.1', 600_000), sent(MIN, '10.0.0.1', '500000'), sent(0, '10.0.0.2', 900_000), sent(2 * HOUR, '10.0.0.2', 900_000)];
    expect(run(sum, events).findings.map((f) => [f.group, f.measure])).toEqual([[{ SourceIP: '10.0.0.1', User: 'u' }, 1_100_000]]);
    const avg = [...example('value_avg.yml'), ...baseRule('rule_a_id', 'web')];
    const small = [sent(0, '10.0.0.3', 400), sent(MIN, '10.0.0.3', 500), sent(0, '10.0.0.4', 400), sent(MIN, '10.0.0.4', 700)];
    expect(run(avg, small).findings.map((f) => [f.group, f.measure])).toEqual([[{ SourceIP: '10.0.0.4', User: 'u' }, 550]]);
  });

  it('value_percentile is listed unsupported with its reason', () => {
    const [rule] = example('value_percentile.yml');
    expect(rule).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('value_percentile') });
  });

  it('referenced rules make no findings of their own unless the correlation says generate: true', () => {
    const events = Array.from({ length: 3 }, (_, i) => ({ ts: i, ev: { kind: 'failed', ComputerName: 'x' } }));
    const quiet = run([...example('event_count.yml'), ...baseRule(FAILED, 'failed')], events);
    expect(quiet.findings).toEqual([]);
    const loud = loadSigma(readFileSync(join(EXAMPLES, 'event_count.yml'), 'utf8').replace('type: event_count', 'type: event_count\n    generate: true'), 'x.yml');
    expect(run([...loud, ...baseRule(FAILED, 'failed')], events).findings).toHaveLength(3);
  });

  it('a correlation over a rule that is not loaded is a problem, not a silent nothing', () => {
    const out = run(example('event_count.yml'), [{ ts: 0, ev: { kind: 'failed' } }]);
    expect(out.problems).toEqual([{ ruleId: '0e95725d-7320-415d-80f7-004da920fc11', title: 'Many failed logins', reason: `references rule ${FAILED}, which is not loaded` }]);
  });
});
