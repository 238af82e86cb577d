/**
 * The portal REST connector against the simulator: a tenant's audit log arrives exactly through
 * every fault kind, records without an id get a stable sha256 id (counted in derivedIds) that
 * still deduplicates on the overlap re-read, the connection's filters reach the portal, the
 * X-RateLimit headers and Retry-After are honoured, and refusals give sentences.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../../main/sync/connector.ts';
import { portalConnector } from '../../../../main/sync/connectors/portal.ts';
import { isDerivedSourceId } from '../../../../main/ingest/sources/derived-id.ts';
import { SIM } from '../../../sim/tenants/credentials.ts';
import { ALL_FAULTS } from '../../../sim/tenants/faults.ts';
import type { TenantSimOptions } from '../../../sim/tenants/server.ts';
import { difference, emptyStore, pullContext, pullError, syncRun } from './pull-harness.ts';
import { useConnectorSim } from './sim-fixture.ts';

const startSim = useConnectorSim();

async function setup(opts: TenantSimOptions, options: Record<string, unknown> = {}, token: string = SIM.portal.adminTokens.acme!) {
  const { sim, h, waits } = await startSim(opts, { secret: token });
  const conn: ConnectionConfig = { id: 5, kind: 'portal', label: 'Acme portal', baseUrl: sim.urls.portal, options: { tenantSlug: 'acme', pageSize: 200, ...options } };
  const [tenant] = await portalConnector.listTenants(conn, pullContext(h));
  return { sim, conn, h, tenant: tenant!, waits };
}

describe('portal REST connector', () => {
  it('pulls 3,000 entries through every fault kind exactly, with derived ids for the ones without an id', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'portal:acme': 3000 }, late: 20, faults: { every: 3, kinds: ALL_FAULTS, slowMs: 5 } });
    const feed = sim.feed('portal:acme');
    const store = await syncRun(portalConnector, conn, tenant, h, emptyStore());
    expect(difference(feed.expected(), store.events).missing.sort()).toEqual(feed.lateIds().sort());
    sim.revealLate();
    await syncRun(portalConnector, conn, tenant, h, store);
    expect(difference(feed.expected(), store.events)).toEqual({ missing: [], wrongHash: [], extra: [] });
    expect(store.events.size).toBe(3020);
    expect(store.conflicts).toEqual([]);
    for (const kind of ALL_FAULTS) expect(sim.faults.injected[kind], kind).toBeGreaterThan(0);

    const withoutId = feed.records.filter((r) => r.id === null).length;
    expect(withoutId).toBeGreaterThan(200);
    const derivedLocal = [...store.events.keys()].filter(isDerivedSourceId).length;
    expect(derivedLocal).toBe(withoutId);
    // Every page that carried id-less records said so; re-reads count again, so at least that many.
    expect(store.derivedIds).toBeGreaterThanOrEqual(withoutId);
  });

  it('passes the event_type and actor filters to the portal', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'portal:acme': 1500 } }, { eventType: 'auth.login.failure' });
    const store = await syncRun(portalConnector, conn, tenant, h, emptyStore());
    const failures = sim.feed('portal:acme').records.filter((r) => (JSON.parse(r.json) as { event_type: string }).event_type === 'auth.login.failure');
    expect(failures.length).toBeGreaterThan(50);
    expect(store.events.size).toBe(failures.length);
  });

  it('honours X-RateLimit-Remaining 0 (waits for the reset) and 429 Retry-After', async () => {
    const limited = await setup({ sizes: { 'portal:acme': 1000 }, rateLimit: 2 });
    const store = await syncRun(portalConnector, limited.conn, limited.tenant, limited.h, emptyStore());
    expect(store.events.size).toBe(1000);
    expect(limited.sim.limits.portal.rejected).toBe(0);
    expect(limited.waits.length).toBe(2);
    await limited.sim.close();

    const faulty = await setup({ sizes: { 'portal:acme': 600 }, faults: { every: 2, kinds: ['rate-limit'] } });
    await syncRun(portalConnector, faulty.conn, faulty.tenant, faulty.h, emptyStore());
    expect(faulty.waits.map((w) => w.ms)).toEqual(Array(faulty.sim.faults.injected['rate-limit']).fill(5_000));
  });

  it('gives sentences for a bad token, a viewer token, another tenant\'s token and an unknown slug', async () => {
    const bad = await setup({}, {}, 'portal-nonsense');
    const err = await pullError(portalConnector, bad.conn, bad.tenant, bad.h);
    expect(err.message).toBe('The portal refused the admin token for tenant acme (401): check it in Connections.');
    expect(err.message).not.toContain('portal-nonsense');
    await bad.sim.close();
    const viewer = await setup({}, {}, SIM.portal.viewerToken);
    expect((await pullError(portalConnector, viewer.conn, viewer.tenant, viewer.h)).message)
      .toBe('The portal refused the audit log of tenant acme (403, role viewer): the token must belong to an admin of that tenant.');
    await viewer.sim.close();
    const other = await setup({}, {}, SIM.portal.adminTokens.globex);
    expect((await pullError(portalConnector, other.conn, other.tenant, other.h)).status).toBe(403);
    await other.sim.close();
    const unknown = await setup({}, { tenantSlug: 'initrode' });
    await expect(portalConnector.test(unknown.conn, pullContext(unknown.h))).rejects.toThrow('The portal has no tenant initrode (404): check the tenant slug and the base URL.');
  });
});
