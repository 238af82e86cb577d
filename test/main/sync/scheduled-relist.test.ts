/**
 * A scheduled (interval) run of an MSP connection lists its customers first, as Sync now does: a
 * customer added on the remote between two intervals is synced on the next one, exactly, and keeps
 * the connection's interval from then on.
 */
import { describe, expect, it } from 'vitest';
import { SIM } from '../../sim/tenants/credentials.ts';
import { localSet, steppedClock } from './sim-harness.ts';
import { useSimFixture } from './sim-fixture.ts';

const fixture = useSimFixture();

const never = new AbortController().signal;

describe('interval sync of an MSP connection', () => {
  it('lists the customers before a scheduled run: a new customer is synced on the next interval', async () => {
    const sim = await fixture.startSim({ events: 150 });
    const clock = steppedClock(Date.UTC(2026, 0, 15, 1));
    const { sync, path } = await fixture.openSync({ clock });
    const msp = await sync.service.add({ kind: 'msp', label: 'MSP', baseUrl: sim.urls.msp, options: {}, secret: SIM.msp.tokens.Admin! }, never);
    expect(msp.tenantsListed).toBe(SIM.msp.customers.length + 1);
    const tenants = async () => (await sync.service.list()).connections[0]!.tenants;
    for (const t of await tenants()) await sync.service.setInterval(t.tenantId, 15);

    const first = await sync.service.engine.tick();
    expect(first).toHaveLength(SIM.msp.customers.length + 1);
    await sync.service.engine.idle();

    sim.addMspCustomer({ id: 'cus_1004', slug: 'umbrella', name: 'Umbrella Corp' });
    clock.advance(10 * 60_000);
    expect(await sync.service.engine.tick()).toEqual([]); // not due yet: nothing listed, nothing run
    expect((await tenants()).some((t) => t.name.includes('Umbrella'))).toBe(false);

    clock.advance(6 * 60_000);
    const second = await sync.service.engine.tick();
    await sync.service.engine.idle();
    const umbrella = (await tenants()).find((t) => t.name.includes('Umbrella'));
    expect(umbrella).toBeDefined();
    expect(second).toContain(umbrella!.tenantId);
    expect(second).toHaveLength(SIM.msp.customers.length + 2);
    expect(umbrella).toMatchObject({ intervalMin: 15, lastError: null, eventCount: 150 });
    expect(localSet(path, umbrella!.tenantId)).toEqual(sim.feed('msp:customer:umbrella').expected());
    // Its batches (some with ids derived from raw bytes) verify: no false break from re-deriving.
    expect((await sync.store.read('verify', {})).ok).toBe(true);
  }, 120_000);
});
