/**
 * The MSP connector against the simulator: the remote role decides which tenants are listed
 * (Admin: every customer; Supervisor: its assigned customers; Analyst: refused with a sentence
 * naming the role), the portal's own activity is a tenant of its own, customers added or removed
 * remotely show on the next listing, and each tenant pulls exactly through every fault kind.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionConfig, RemoteTenant } from '../../../../main/sync/connector.ts';
import { MSP_OWN_TENANT, mspConnector } from '../../../../main/sync/connectors/msp.ts';
import { SIM } from '../../../sim/tenants/credentials.ts';
import { ALL_FAULTS } from '../../../sim/tenants/faults.ts';
import type { TenantSimOptions } from '../../../sim/tenants/server.ts';
import { difference, emptyStore, pullContext, pullError, syncRun } from './pull-harness.ts';
import { useConnectorSim } from './sim-fixture.ts';

const startSim = useConnectorSim();

async function setup(opts: TenantSimOptions, role: 'Admin' | 'Supervisor' | 'Analyst' = 'Admin') {
  const { sim, h } = await startSim(opts, { secret: SIM.msp.tokens[role]! });
  const conn: ConnectionConfig = { id: 6, kind: 'msp', label: 'Northwind', baseUrl: sim.urls.msp, options: { pageSize: 150 } };
  return { sim, conn, h };
}

const names = (ts: RemoteTenant[]): string[] => ts.map((t) => t.externalId);

describe('MSP connector', () => {
  it('lists every customer and the portal activity for an Admin, and follows remote additions and removals', async () => {
    const { sim, conn, h } = await setup({});
    const tenants = await mspConnector.listTenants(conn, pullContext(h));
    expect(names(tenants)).toEqual([MSP_OWN_TENANT, 'customer:cus_1001', 'customer:cus_1002', 'customer:cus_1003']);
    expect(tenants[0]).toMatchObject({ name: 'Northwind MSP (portal activity)', sourceKind: 'portal' });
    expect(tenants[1]).toMatchObject({ name: 'Acme Health', sourceKind: 'portal', options: { slug: 'acme-health', role: 'Admin' } });

    sim.addMspCustomer({ id: 'cus_1004', slug: 'umbrella', name: 'Umbrella' });
    sim.removeMspCustomer('globex');
    expect(names(await mspConnector.listTenants(conn, pullContext(h)))).toEqual([MSP_OWN_TENANT, 'customer:cus_1001', 'customer:cus_1003', 'customer:cus_1004']);
    // The removed customer's tenant (listed before) now says what happened rather than failing vaguely.
    const globex = tenants.find((t) => t.externalId === 'customer:cus_1002')!;
    expect((await pullError(mspConnector, conn, globex, h)).message)
      .toBe('The MSP portal no longer has customer Globex Corporation (404): it was removed remotely; the events already synced stay in the workspace.');
    const detail = await mspConnector.test(conn, pullContext(h));
    expect(detail.detail).toBe('The MSP portal answered: account Northwind MSP, role Admin, 3 customer tenant(s) visible.');
  });

  it('lists only the assigned customers for a Supervisor, and names the role when a customer is refused', async () => {
    const { conn, h } = await setup({}, 'Supervisor');
    const tenants = await mspConnector.listTenants(conn, pullContext(h));
    expect(names(tenants)).toEqual([MSP_OWN_TENANT, 'customer:cus_1001', 'customer:cus_1003']);
    // A customer the Supervisor is not assigned to (say, listed earlier under an Admin token).
    const globex: RemoteTenant = { externalId: 'customer:cus_1002', name: 'Globex Corporation', sourceKind: 'portal', options: { slug: 'globex', role: 'Supervisor' } };
    const err = await pullError(mspConnector, conn, globex, h);
    expect(err.message).toBe('The MSP portal refused customer Globex Corporation for role Supervisor (403): ask a portal Admin to grant this account access.');
  });

  it('refuses an Analyst with a sentence that names the role', async () => {
    const { conn, h } = await setup({}, 'Analyst');
    await expect(mspConnector.listTenants(conn, pullContext(h))).rejects.toThrow(
      'The MSP portal refused the list of customers for role Analyst (403): an Analyst cannot sync; connect with an Admin or Supervisor account.');
  });

  it('pulls the portal activity and a customer exactly through every fault kind', async () => {
    const { sim, conn, h } = await setup({ sizes: { 'msp:activity': 2000, 'msp:customer:initech': 2000 }, late: 10, faults: { every: 3, kinds: ALL_FAULTS, slowMs: 5 } });
    const tenants = await mspConnector.listTenants(conn, pullContext(h));
    for (const [externalId, feedName] of [[MSP_OWN_TENANT, 'msp:activity'], ['customer:cus_1003', 'msp:customer:initech']] as const) {
      const tenant = tenants.find((t) => t.externalId === externalId)!;
      const feed = sim.feed(feedName);
      const store = await syncRun(mspConnector, conn, tenant, h, emptyStore());
      feed.reveal();
      await syncRun(mspConnector, conn, tenant, h, store);
      expect(difference(feed.expected(), store.events), feedName).toEqual({ missing: [], wrongHash: [], extra: [] });
      expect(store.events.size).toBe(2010);
      expect(store.conflicts).toEqual([]);
      expect(store.problems).toEqual([]);
      expect(store.derivedIds).toBeGreaterThan(0);
    }
    for (const kind of ALL_FAULTS) expect(sim.faults.injected[kind], kind).toBeGreaterThan(0);
  });

  it('normalises the portal activity with performer, role and object', async () => {
    const { conn, h } = await setup({ sizes: { 'msp:activity': 40 } });
    const [own] = await mspConnector.listTenants(conn, pullContext(h));
    const events = [];
    for await (const b of mspConnector.pull(conn, own!, null, pullContext(h))) events.push(...b.events);
    expect(events.length).toBe(40);
    for (const e of events) {
      expect(e.actorEmail).toMatch(/@msp\.example$/);
      expect(['Admin', 'Supervisor', 'Analyst']).toContain(e.actorRole);
      expect(e.targetType).not.toBeNull();
      expect(['user', 'infrastructure', 'integration', 'compliance', 'config', 'access']).toContain(e.category);
    }
  });

  it('says the token was refused without repeating it', async () => {
    const { conn, h } = await setup({});
    const err = await mspConnector.listTenants(conn, pullContext({ ...h, credentials: { secret: 'msp-wrong-token' } })).catch((e: unknown) => e as Error);
    expect((err as Error).message).toBe('The MSP portal refused the API token (401): check it in Connections.');
  });
});
