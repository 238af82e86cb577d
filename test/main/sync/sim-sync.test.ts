/**
 * The engine with the real connectors, over loopback HTTP, against the tenant simulator: 100,000
 * Okta events through a fault every few requests arrive exactly; late events inside the overlap
 * window arrive on the next run; a refused token on one connection gives its sentence while the
 * others finish.
 */
import { describe, expect, it } from 'vitest';
import { ALL_FAULTS } from '../../sim/tenants/faults.ts';
import { SIM } from '../../sim/tenants/credentials.ts';
import { localSet, sourceSet, steppedClock } from './sim-harness.ts';
import { useSimFixture } from './sim-fixture.ts';

const END = Date.UTC(2026, 0, 15);
const fixture = useSimFixture();

const never = new AbortController().signal;

describe('sync against the tenant simulator', () => {
  it('100,000 Okta events with a fault every 4th request: local set = source set (ids and raw hashes)', async () => {
    const clock = steppedClock(END + 3_600_000);
    const sim = await fixture.startSim({ events: 10, sizes: { 'okta:acme': 100_000 }, faults: { every: 4, kinds: ALL_FAULTS, slowMs: 20 }, now: clock.now });
    const { sync, path } = await fixture.openSync({ clock });
    const added = await sync.service.add(
      { kind: 'okta', label: 'Acme Okta', baseUrl: sim.urls.okta, options: { pageSize: 1000 }, secret: SIM.okta.apiToken },
      never,
    );
    expect(added.tenantsListed).toBe(1);
    const [tenantId] = await sync.service.syncNow({ connectionId: added.id }, never);
    await sync.service.engine.idle();

    const status = (await sync.service.list()).connections[0]!.tenants[0]!;
    expect(status).toMatchObject({ eventCount: 100_000, lastError: null });
    expect(localSet(path, tenantId!)).toEqual(sourceSet(sim.feed('okta:acme'), false));
    for (const kind of ALL_FAULTS) expect(sim.faults.injected[kind], kind).toBeGreaterThan(0);
    const verify = await sync.store.read('verify', { tenantIds: [tenantId!] });
    expect(verify.ok).toBe(true);
  }, 300_000);

  it('late events inside the overlap window arrive on the next run', async () => {
    const sim = await fixture.startSim({ events: 10, sizes: { 'okta:acme': 3_000 }, late: 25, lateWindowMs: 5 * 60_000 });
    const { sync, path } = await fixture.openSync({ clock: steppedClock(END + 60_000), engine: { overlapMs: 10 * 60_000 } });
    const added = await sync.service.add({ kind: 'okta', label: 'Acme', baseUrl: sim.urls.okta, options: {}, secret: SIM.okta.apiToken }, never);
    const [tenantId] = await sync.service.syncNow({ connectionId: added.id }, never);
    await sync.service.engine.idle();
    const feed = sim.feed('okta:acme');
    expect(localSet(path, tenantId!)).toEqual(sourceSet(feed, false));

    sim.revealLate();
    await sync.service.syncNow({ connectionId: added.id }, never);
    await sync.service.engine.idle();
    const local = localSet(path, tenantId!);
    expect(local.size).toBe(3_000 + 25);
    expect(local).toEqual(sourceSet(feed, true));
  }, 120_000);

  it('a refused token on one connection gives its sentence while the others finish', async () => {
    const sim = await fixture.startSim({ events: 1_500, faults: { every: 5, kinds: ['server-error', 'truncate', 'drop'] } });
    const { sync, path } = await fixture.openSync({ clock: steppedClock(END + 60_000) });
    const okta = await sync.service.add({ kind: 'okta', label: 'Okta', baseUrl: sim.urls.okta, options: {}, secret: SIM.okta.apiToken }, never);
    const github = await sync.service.add(
      { kind: 'github', label: 'GitHub', baseUrl: sim.urls.github, options: { org: SIM.github.org }, secret: SIM.github.ownerToken },
      never,
    );
    const wrong = await sync.service.add({ kind: 'okta', label: 'Okta (old token)', baseUrl: sim.urls.okta, options: {}, secret: '00revokedToken' }, never);
    // Listing tenants needs no call for Okta, so the wrong token shows only when the sync runs.
    await sync.service.syncNow({}, never);
    await sync.service.engine.idle();

    const { connections } = await sync.service.list();
    const byLabel = new Map(connections.map((c) => [c.label, c.tenants[0]!]));
    expect(byLabel.get('Okta (old token)')!.lastError).toMatch(/^Okta refused the API token \(401/);
    expect(byLabel.get('Okta (old token)')!.eventCount).toBe(0);
    expect(byLabel.get('Okta')).toMatchObject({ eventCount: 1_500, lastError: null });
    expect(byLabel.get('GitHub')).toMatchObject({ eventCount: 1_500, lastError: null });
    expect(localSet(path, byLabel.get('Okta')!.tenantId)).toEqual(sourceSet(sim.feed('okta:acme'), false));
    expect(localSet(path, byLabel.get('GitHub')!.tenantId)).toEqual(sourceSet(sim.feed(`github:org:${SIM.github.org}`), false));
    expect([okta.id, github.id, wrong.id]).toHaveLength(3);
  }, 120_000);
});
