/**
 * The Entra connector against the simulator's token endpoint and Graph: directory audits and
 * sign-ins arrive exactly through every fault kind (Graph pages newest first, so the high-water
 * mark moves only when a window is complete), the 7-digit fraction stays in tsRaw, an expired
 * access token is renewed once, and refusals (secret, unknown app, missing consent) give sentences.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../../main/sync/connector.ts';
import { entraConnector } from '../../../../main/sync/connectors/entra.ts';
import { SIM } from '../../../sim/tenants/credentials.ts';
import { ALL_FAULTS } from '../../../sim/tenants/faults.ts';
import type { TenantSimOptions } from '../../../sim/tenants/server.ts';
import { difference, emptyStore, pullContext, pullError, syncRun } from './pull-harness.ts';
import { END, HOUR, useConnectorSim } from './sim-fixture.ts';

const startSim = useConnectorSim();

async function setup(opts: TenantSimOptions, options: Record<string, unknown> = {}, secret: string = SIM.entra.clientSecret) {
  const { sim, h, waits } = await startSim(opts, { secret });
  const conn: ConnectionConfig = {
    id: 3, kind: 'entra', label: 'Contoso', baseUrl: sim.urls.graph,
    options: { tenantId: SIM.entra.tenantId, clientId: SIM.entra.clientId, authority: sim.urls.authority, pageSize: 150, ...options },
  };
  const [tenant] = await entraConnector.listTenants(conn, pullContext(h));
  return { sim, conn, h, tenant: tenant!, waits };
}

function union(...maps: Map<string, string>[]): Map<string, string> {
  return new Map(maps.flatMap((m) => [...m]));
}

describe('Entra connector', () => {
  it('pulls 2,000 directory audits and 2,000 sign-ins through every fault kind exactly, late ones on the next run', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'graph:directoryAudits': 2000, 'graph:signIns': 2000 }, late: 10, faults: { every: 3, kinds: ALL_FAULTS, slowMs: 5 } });
    const expected = union(sim.feed('graph:directoryAudits').expected(), sim.feed('graph:signIns').expected());
    const late = [...sim.feed('graph:directoryAudits').lateIds(), ...sim.feed('graph:signIns').lateIds()];
    const store = await syncRun(entraConnector, conn, tenant, h, emptyStore());
    expect(difference(expected, store.events).missing.sort()).toEqual(late.sort());
    expect(store.checkpoint).toEqual({ cursor: null, highWater: END });
    sim.revealLate();
    await syncRun(entraConnector, conn, tenant, h, store);
    expect(difference(expected, store.events)).toEqual({ missing: [], wrongHash: [], extra: [] });
    expect(store.events.size).toBe(4020);
    expect(store.conflicts).toEqual([]);
    expect(store.problems).toEqual([]);
    for (const kind of ALL_FAULTS) expect(sim.faults.injected[kind], kind).toBeGreaterThan(0);
    // Graph's 429s were waited out for their Retry-After (3 s), not retried blindly.
    expect(store.retries.every((e) => e.status !== 429)).toBe(true);
  });

  it('keeps the high-water mark until the whole window is read, and resumes mid-window from the stored nextLink', async () => {
    const { conn, h, tenant } = await setup({ sizes: { 'graph:directoryAudits': 500, 'graph:signIns': 300 } });
    const checkpoints = [];
    const events = [];
    for await (const b of entraConnector.pull(conn, tenant, null, pullContext(h))) {
      checkpoints.push(b.checkpoint);
      events.push(...b.events);
    }
    // 4 pages of audits, 2 of sign-ins; only the last checkpoint moves the high-water mark.
    expect(checkpoints.length).toBe(6);
    expect(checkpoints.slice(0, -1).every((c) => c.highWater === null && c.cursor !== null)).toBe(true);
    expect(checkpoints.at(-1)).toEqual({ cursor: null, highWater: END });
    const state = JSON.parse(checkpoints[3]!.cursor!) as { stream: string; next: string | null };
    expect(state).toMatchObject({ stream: 'signIns', next: null });

    // A crash after page 2: the next pull starts at the stored nextLink and brings exactly the rest.
    const rest = [];
    for await (const b of entraConnector.pull(conn, tenant, checkpoints[1]!, pullContext(h))) rest.push(...b.events);
    expect(rest.length).toBe(800 - 300);
    expect(new Set([...events.slice(0, 300), ...rest].map((e) => e.sourceId)).size).toBe(800);
  });

  it('reads the window again when Graph no longer takes a nextLink stored by an earlier run', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'graph:directoryAudits': 400, 'graph:signIns': 10 } });
    const state = { stream: 'directoryAudits', next: `${sim.urls.graph}/v1.0/auditLogs/directoryAudits?$top=150&$skiptoken=expired-token`, from: END - 31 * 24 * HOUR, to: END + HOUR, maxTs: null };
    const store = emptyStore();
    store.checkpoint = { cursor: JSON.stringify(state), highWater: null };
    await syncRun(entraConnector, conn, tenant, h, store);
    expect(store.retries).toEqual([]);
    expect(difference(union(sim.feed('graph:directoryAudits').expected(), sim.feed('graph:signIns').expected()), store.events)).toEqual({ missing: [], wrongHash: [], extra: [] });
  });

  it('keeps Graph\'s seven fractional digits in tsRaw', async () => {
    const { conn, h, tenant } = await setup({ sizes: { 'graph:directoryAudits': 5, 'graph:signIns': 5 } });
    const events = [];
    for await (const b of entraConnector.pull(conn, tenant, null, pullContext(h))) events.push(...b.events);
    expect(events.length).toBe(10);
    for (const e of events) {
      expect(e.tsRaw).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
      expect(new Date(e.ts).toISOString().slice(0, 23)).toBe(e.tsRaw.slice(0, 23));
    }
  });

  it('waits for Graph\'s Retry-After on a 429 and asks again', async () => {
    const { sim, conn, h, tenant, waits } = await setup({ sizes: { 'graph:directoryAudits': 600, 'graph:signIns': 10 }, faults: { every: 2, kinds: ['rate-limit'] } });
    const store = await syncRun(entraConnector, conn, tenant, h, emptyStore());
    expect(store.events.size).toBe(610);
    expect(store.retries).toEqual([]);
    expect(sim.faults.injected['rate-limit']).toBeGreaterThanOrEqual(2);
    expect(waits.map((w) => w.ms)).toEqual(Array(sim.faults.injected['rate-limit']).fill(3_000));
    expect(waits.every((w) => w.reason === 'Microsoft Graph rate limit (429)')).toBe(true);
  });

  it('fetches a new access token once when Graph says the old one expired', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'graph:directoryAudits': 1000, 'graph:signIns': 10 }, graphTokenUses: 3 });
    const store = await syncRun(entraConnector, conn, tenant, h, emptyStore());
    expect(store.events.size).toBe(1010);
    expect(sim.stats.tokensIssued).toBeGreaterThan(1);
    expect(store.retries).toEqual([]);
  });

  it('gives sentences for a wrong secret, an unknown app, an unknown tenant and missing consent, without the secret', async () => {
    const wrong = await setup({}, {}, 'not-the-secret-value');
    const err = await pullError(entraConnector, wrong.conn, wrong.tenant, wrong.h);
    expect(err.message).toBe(`Microsoft Entra refused the client secret of app ${SIM.entra.clientId} (AADSTS7000215): check it, or whether it expired, in Connections.`);
    expect(err.message).not.toContain('not-the-secret-value');
    await wrong.sim.close();

    const unknownApp = await setup({}, { clientId: '00000000-0000-0000-0000-000000000000' });
    expect((await pullError(entraConnector, unknownApp.conn, unknownApp.tenant, unknownApp.h)).message).toMatch(/does not know app 00000000-0000-0000-0000-000000000000 in tenant .* \(AADSTS700016\)/);
    await unknownApp.sim.close();

    const unknownTenant = await setup({}, { tenantId: 'contoso.invalid' });
    expect((await pullError(entraConnector, unknownTenant.conn, unknownTenant.tenant, unknownTenant.h)).message).toBe('Microsoft Entra has no tenant contoso.invalid (AADSTS90002): check the tenant id.');
    await unknownTenant.sim.close();

    const refused = await setup({ graphTokenUses: 0 });
    const graph401 = await pullError(entraConnector, refused.conn, refused.tenant, refused.h);
    expect(graph401.message).toBe('Microsoft Graph refused the access token (401 InvalidAuthenticationToken): check the app\'s tenant id and client secret in Connections.');
    // It asked for a new token once before giving up.
    expect(refused.sim.stats.tokensIssued).toBe(2);
    await refused.sim.close();

    const noConsent = await setup({}, { clientId: SIM.entra.unconsentedClientId });
    await expect(entraConnector.test(noConsent.conn, pullContext(noConsent.h))).rejects.toThrow(
      'Microsoft Graph refused to read the audit logs (403 Authorization_RequestDenied): grant the app the AuditLog.Read.All application permission with admin consent.');
    await noConsent.sim.close();

    const noIds: ConnectionConfig = { id: 4, kind: 'entra', label: 'x', baseUrl: noConsent.sim.urls.graph, options: { clientId: SIM.entra.clientId } };
    await expect(entraConnector.listTenants(noIds, pullContext(noConsent.h))).rejects.toThrow(
      'The Microsoft Entra connection needs a tenant id and an application (client) id: set them in Connections.');
  });
});
